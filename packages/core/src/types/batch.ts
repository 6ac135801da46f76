import type { CallOptions } from './call-options.js';
import type { ChatRequest } from './chat-request.js';
import type { ChatResponse } from './chat-response.js';
import type { EmbeddingRequest, EmbeddingResponse } from './embedding.js';

/** The endpoints the Batch API runs. */
export type BatchEndpoint = '/v1/chat/completions' | '/v1/embeddings';

/** Lifecycle states of a provider batch. */
export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** One line of a Batch API input file. */
export interface BatchRequestLine {
  /** The caller's id, echoed in the output. */
  custom_id: string;
  /** Always POST. */
  method: 'POST';
  /** The endpoint, e.g. `/v1/chat/completions` (or `/chat/completions` on Azure). */
  url: string;
  /** The request body in the provider's wire format. */
  body: Record<string, unknown>;
}

/** One parsed line of a Batch API output or error file. */
export interface BatchResultLine {
  /** The caller's id. */
  customId: string;
  /** HTTP status of the request, when it ran. */
  status?: number;
  /** The provider's request id. */
  requestId?: string;
  /** The mapped chat response, for chat lines that succeeded. */
  chat?: ChatResponse;
  /** The mapped embedding response, for embedding lines that succeeded. */
  embedding?: EmbeddingResponse;
  /** What went wrong, for lines that failed. */
  error?: { code: string; message: string };
}

/** A file stored by the provider. */
export interface FileInfo {
  /** The file id. */
  id: string;
  /** File name. */
  filename: string;
  /** Size in bytes. */
  bytes: number;
  /** Purpose, e.g. `batch`. */
  purpose: string;
  /** Unix time in seconds. */
  createdAt: number;
  /** Processing status when the provider reports one. */
  status?: string;
}

/** A provider batch job. */
export interface BatchJob {
  /** The batch id. */
  id: string;
  /** Lifecycle state. */
  status: BatchStatus;
  /** The endpoint every line runs against. */
  endpoint: string;
  /** The uploaded input file. */
  inputFileId: string;
  /** The output file, once there is one. */
  outputFileId?: string;
  /** The error file, once there is one. */
  errorFileId?: string;
  /** Counts of requests. */
  requestCounts: { total: number; completed: number; failed: number };
  /** Unix time in seconds. */
  createdAt: number;
  /** Unix time in seconds when the batch expires. */
  expiresAt?: number;
  /** Validation errors, when the batch failed. */
  errors?: { code: string; message: string; line?: number }[];
  /** Metadata given at creation. */
  metadata?: Record<string, string>;
}

/** Content to upload as a Batch API input file: JSONL lines or raw bytes. */
export type BatchFileContent = Iterable<string> | AsyncIterable<string> | ReadableStream<Uint8Array>;

/** The provider-side Batch API: files and batches. */
export interface BatchService {
  /** Builds the JSONL line for one request in this provider's wire format. */
  buildRequestLine(
    customId: string,
    request: ChatRequest | EmbeddingRequest,
    endpoint: BatchEndpoint,
  ): BatchRequestLine;
  /** Parses one line of an output or error file. */
  parseResultLine(line: string): BatchResultLine;
  /** Uploads a JSONL input file (purpose `batch`) without holding it all in memory. */
  uploadFile(content: BatchFileContent, options?: CallOptions & { filename?: string }): Promise<FileInfo>;
  /** Reads a file's metadata. */
  retrieveFile(fileId: string, options?: CallOptions): Promise<FileInfo>;
  /** Streams a file's lines (output and error files are JSONL). */
  downloadFileLines(fileId: string, options?: CallOptions): AsyncIterable<string>;
  /** Deletes a file. */
  deleteFile(fileId: string, options?: CallOptions): Promise<void>;
  /** Creates a batch over an uploaded input file. */
  create(
    params: { inputFileId: string; endpoint: BatchEndpoint; metadata?: Record<string, string> },
    options?: CallOptions,
  ): Promise<BatchJob>;
  /** Reads a batch. */
  retrieve(batchId: string, options?: CallOptions): Promise<BatchJob>;
  /** Cancels a batch; it moves to `cancelling`, then `cancelled`. */
  cancel(batchId: string, options?: CallOptions): Promise<BatchJob>;
  /** Lists batches, newest first, following pagination. */
  list(params?: { limit?: number }, options?: CallOptions): AsyncIterable<BatchJob>;
}
