import type {
  BatchEndpoint,
  BatchFileContent,
  BatchJob,
  BatchRequestLine,
  BatchResultLine,
  BatchService,
  CallOptions,
  ChatRequest,
  EmbeddingRequest,
  FileInfo,
} from '@switchboard/core';
import { linkSignal } from '../http/link-signal.js';
import { loadOpenAISdk, type OpenAISdk } from '../provider/files-client.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { batchListSchema, batchObjectSchema, fileDeletedSchema, fileObjectSchema } from './batch-schemas.js';
import { buildRequestLine } from './build-request-line.js';
import { callSdkJson } from './call-sdk-json.js';
import { jsonlBytes } from './jsonl-bytes.js';
import { mapBatchJob, mapFileInfo } from './map-batch-job.js';
import { parseResultLine } from './parse-result-line.js';
import { readLines } from './read-lines.js';

/** Pages `list` follows at most, so a server that always says `has_more` cannot loop forever. */
const MAX_PAGES = 10_000;

/**
 * The Batch API service over the SDK's files and batches resources (the provider's files client, created and the SDK
 * loaded on first use: inference never loads it). Uploads and downloads stream: no whole file is ever held in memory.
 */
export class OpenAIBatchService implements BatchService {
  readonly #context: ProviderContext;

  constructor(context: ProviderContext) {
    this.#context = context;
  }

  /** Builds one JSONL input line in this provider's wire format. */
  buildRequestLine(
    customId: string,
    request: ChatRequest | EmbeddingRequest,
    endpoint: BatchEndpoint,
  ): BatchRequestLine {
    return buildRequestLine(this.#context, customId, request, endpoint);
  }

  /** Parses one line of an output or error file. */
  parseResultLine(line: string): BatchResultLine {
    return parseResultLine(this.#context, line);
  }

  /** Uploads JSONL lines or bytes as a `batch` file, streaming the multipart body as the server reads it. */
  async uploadFile(content: BatchFileContent, options: CallOptions & { filename?: string } = {}): Promise<FileInfo> {
    const { filename = 'batch.jsonl', ...call } = options;
    let file: ReturnType<OpenAISdk['toStreamingFile']>;
    try {
      const { toStreamingFile } = await loadOpenAISdk();
      file = toStreamingFile(jsonlBytes(content), filename, { type: 'application/jsonl' });
    } catch (error) {
      throw this.#context.mapError(error, call);
    }
    const { data } = await callSdkJson(
      this.#context,
      call,
      (client, request) => client.files.create({ file, purpose: 'batch' }, request),
      fileObjectSchema,
      'file object',
    );
    return mapFileInfo(data);
  }

  /** Reads a file's metadata. */
  async retrieveFile(fileId: string, options: CallOptions = {}): Promise<FileInfo> {
    const { data } = await callSdkJson(
      this.#context,
      options,
      (client, request) => client.files.retrieve(fileId, request),
      fileObjectSchema,
      'file object',
    );
    return mapFileInfo(data);
  }

  /** Streams a file's lines; breaking out of the loop closes the download. */
  async *downloadFileLines(fileId: string, options: CallOptions = {}): AsyncGenerator<string, void, undefined> {
    const linked = linkSignal(options.signal);
    try {
      let response: Response;
      try {
        const client = await this.#context.filesClient();
        response = await client.files
          .content(fileId, this.#context.requestOptions(options, linked.signal))
          .asResponse();
      } catch (error) {
        throw this.#context.mapError(error, options, linked.signal);
      }
      if (!response.body) return;
      try {
        yield* readLines(response.body);
      } catch (error) {
        throw this.#context.mapError(error, options, linked.signal);
      }
    } finally {
      linked.dispose();
    }
  }

  /** Deletes a file. */
  async deleteFile(fileId: string, options: CallOptions = {}): Promise<void> {
    await callSdkJson(
      this.#context,
      options,
      (client, request) => client.files.delete(fileId, request),
      fileDeletedSchema,
      'file deletion',
    );
  }

  /** Creates a batch (24-hour completion window) over an uploaded input file. */
  async create(
    params: { inputFileId: string; endpoint: BatchEndpoint; metadata?: Record<string, string> },
    options: CallOptions = {},
  ): Promise<BatchJob> {
    const body = {
      input_file_id: params.inputFileId,
      endpoint: params.endpoint,
      completion_window: '24h' as const,
      ...(params.metadata ? { metadata: params.metadata } : {}),
    };
    const { data } = await callSdkJson(
      this.#context,
      options,
      (client, request) => client.batches.create(body, request),
      batchObjectSchema,
      'batch object',
    );
    return mapBatchJob(data);
  }

  /** Reads a batch. */
  async retrieve(batchId: string, options: CallOptions = {}): Promise<BatchJob> {
    const { data } = await callSdkJson(
      this.#context,
      options,
      (client, request) => client.batches.retrieve(batchId, request),
      batchObjectSchema,
      'batch object',
    );
    return mapBatchJob(data);
  }

  /** Cancels a batch. */
  async cancel(batchId: string, options: CallOptions = {}): Promise<BatchJob> {
    const { data } = await callSdkJson(
      this.#context,
      options,
      (client, request) => client.batches.cancel(batchId, request),
      batchObjectSchema,
      'batch object',
    );
    return mapBatchJob(data);
  }

  /** Lists batches newest first, fetching the next page only when the caller gets there. */
  async *list(params: { limit?: number } = {}, options: CallOptions = {}): AsyncGenerator<BatchJob, void, undefined> {
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = { ...(params.limit ? { limit: params.limit } : {}), ...(after ? { after } : {}) };
      const { data } = await callSdkJson(
        this.#context,
        options,
        (client, request) => client.batches.list(query, request),
        batchListSchema,
        'batch list',
      );
      for (const batch of data.data) yield mapBatchJob(batch);
      const next = data.last_id ?? data.data.at(-1)?.id;
      if (!data.has_more || !next || next === after) return;
      after = next;
    }
  }
}
