import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AbortedError, type BatchEndpoint, type BatchService, InvalidRequestError } from '@switchboard/core';
import { InputFingerprint } from '../checkpoint/fingerprint.js';
import { JsonlWriter } from '../jsonl/jsonl-writer.js';
import { readJsonl } from '../jsonl/read-jsonl.js';
import { readFileChunks } from '../node/read-file-chunks.js';
import { validateBatchRequest } from '../run/validate-request.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';
import type { BatchJobPart } from './job-part.js';
import { encodeRequest } from './request-codec.js';
import { SeenIds } from './seen-ids.js';

/** A part written to disk: its Batch API input file and the same requests in Switchboard's own form. */
export interface PreparedPart extends BatchJobPart {
  /** The JSONL input file to upload (`custom_id`, `method`, `url`, `body` per line). */
  inputPath: string;
  /** The requests as given (for follow-up runs and to know which ids the part holds). */
  requestsPath: string;
}

/** Limits of one input file. */
export interface PartLimits {
  /** Requests per file. */
  maxRequests: number;
  /** Bytes per file. */
  maxBytes: number;
}

/** The endpoint of a request. */
export function endpointOf(request: BatchRequest): BatchEndpoint {
  return request.kind === 'embedding' ? '/v1/embeddings' : '/v1/chat/completions';
}

interface OpenPart {
  part: PreparedPart;
  input: JsonlWriter;
  requests: JsonlWriter;
}

/**
 * Streams the input into Batch API input files under `dir`, one per endpoint and model (the API runs one model per
 * file), starting a new file before one would cross the request or byte limit. Memory holds one buffered writer per
 * open file and 16 bytes per id seen (to refuse duplicates, see `SeenIds`), never the requests.
 */
export async function prepareParts(
  service: BatchService,
  input: BatchInput,
  dir: string,
  options: PartLimits & { round?: number; signal?: AbortSignal },
): Promise<{ parts: PreparedPart[]; fingerprint: string }> {
  await mkdir(dir, { recursive: true });
  const fingerprint = new InputFingerprint();
  const round = options.round ?? 0;
  const parts: PreparedPart[] = [];
  const open = new Map<string, OpenPart>();
  const seen = new SeenIds();
  const close = async (entry: OpenPart) => {
    entry.part.requests = entry.input.lines;
    entry.part.bytes = entry.input.bytes;
    await Promise.all([entry.input.close(), entry.requests.close()]);
  };
  try {
    let position = 0;
    for await (const value of input as AsyncIterable<BatchRequest>) {
      if (options.signal?.aborted) throw new AbortedError({ message: 'Preparing the batch files was aborted.' });
      const item = validateBatchRequest(value, position);
      position += 1;
      if (seen.add(item.customId) === 'maybe' && (await writtenBefore(item.customId, parts, open.values()))) {
        throw new InvalidRequestError({
          message: `Batch input: customId "${item.customId}" appears more than once.`,
          source: 'client',
        });
      }
      if (!fingerprint.complete) fingerprint.add(item);
      const endpoint = endpointOf(item);
      const line = JSON.stringify(service.buildRequestLine(item.customId, item.request, endpoint));
      const lineBytes = JsonlWriter.byteLengthOf(line);
      if (lineBytes > options.maxBytes) {
        throw new InvalidRequestError({
          message: `Batch input: the request "${item.customId}" takes ${lineBytes} bytes, more than the ${options.maxBytes} bytes a Batch API file may hold.`,
          source: 'client',
        });
      }
      const key = `${endpoint} ${item.request.model}`;
      let entry = open.get(key);
      if (entry && (entry.input.lines >= options.maxRequests || entry.input.bytes + lineBytes > options.maxBytes)) {
        await close(entry);
        entry = undefined;
      }
      if (!entry) {
        const index = parts.length;
        const name = `r${round}-part-${String(index).padStart(4, '0')}`;
        const part: PreparedPart = {
          index,
          round,
          endpoint,
          model: item.request.model,
          requests: 0,
          bytes: 0,
          inputPath: join(dir, `${name}.input.jsonl`),
          requestsPath: join(dir, `${name}.requests.jsonl`),
        };
        parts.push(part);
        entry = {
          part,
          input: await JsonlWriter.create(part.inputPath),
          requests: await JsonlWriter.create(part.requestsPath),
        };
        open.set(key, entry);
      }
      await entry.input.writeLine(line, lineBytes);
      await entry.requests.writeLine(encodeRequest(item));
    }
  } finally {
    for (const entry of open.values()) await close(entry);
  }
  return { parts, fingerprint: fingerprint.digest() };
}

/**
 * Whether a request with customId `id` is in the parts written so far: the exact check behind a `SeenIds` match, which
 * is a genuine duplicate (the input is refused) or, very rarely, a collision of both hashes.
 */
export async function writtenBefore(id: string, parts: PreparedPart[], open: Iterable<OpenPart>): Promise<boolean> {
  for (const entry of open) await entry.requests.flush();
  for (const part of parts) {
    for await (const value of readJsonl(readFileChunks(part.requestsPath))) {
      if ((value as { customId?: unknown }).customId === id) return true;
    }
  }
  return false;
}
