import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

const EMPTY = Buffer.alloc(0);

/**
 * Reads a request body up to `limit` bytes. Over the limit the rest is drained (so the socket stays usable) and the
 * real 413 is thrown. A body declared too large by content-length is refused without reading it.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit, declared));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) reject(tooLarge(limit, size));
      else
        resolve(
          chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
        );
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new ClientGoneError());
    });
  });
}

/** The client closed the connection before its request was complete. */
export class ClientGoneError extends Error {
  constructor() {
    super('client closed the connection');
    this.name = 'ClientGoneError';
  }
}

function tooLarge(limit: number, size: number): ApiError {
  return new ApiError(413, {
    message: `Maximum content size limit (${limit}) exceeded (${size} bytes read)`,
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
}
