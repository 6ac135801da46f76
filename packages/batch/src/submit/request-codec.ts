import { base64ToBytes, bytesToBase64 } from '../bytes/base64.js';
import type { BatchRequest } from '../types/batch-request.js';

/** Encodes a request as one JSON line; image bytes become `{ "$bytes": base64 }` so they survive the round trip. */
export function encodeRequest(request: BatchRequest): string {
  return JSON.stringify(request, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return { $bytes: bytesToBase64(value) };
    if (value instanceof ArrayBuffer) return { $bytes: bytesToBase64(new Uint8Array(value)) };
    return value;
  });
}

/** Decodes a line written by {@link encodeRequest}. */
export function decodeRequest(line: string): BatchRequest {
  return JSON.parse(line, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
      return base64ToBytes((value as { $bytes: string }).$bytes);
    }
    return value;
  }) as BatchRequest;
}
