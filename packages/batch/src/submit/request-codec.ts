import type { BatchRequest } from '../types/batch-request.js';

/** Encodes a request as one JSON line; image bytes become `{ "$bytes": base64 }` so they survive the round trip. */
export function encodeRequest(request: BatchRequest): string {
  return JSON.stringify(request, (_key, value: unknown) => {
    if (value instanceof Uint8Array)
      return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    if (value instanceof ArrayBuffer) return { $bytes: Buffer.from(value).toString('base64') };
    return value;
  });
}

/** Decodes a line written by {@link encodeRequest}. */
export function decodeRequest(line: string): BatchRequest {
  return JSON.parse(line, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
      return new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'));
    }
    return value;
  }) as BatchRequest;
}
