import { createHash } from 'node:crypto';
import type { BatchRequest } from '../types/batch-request.js';
import { stableStringify } from './stable-stringify.js';

/** How many leading requests the input fingerprint covers; later ones are checked one by one through their hashes. */
export const FINGERPRINT_PREFIX = 1_000;

/** A short hash of one request (kind and body, not its id): a checkpointed result must match it to be reused. */
export function hashRequest(request: BatchRequest): string {
  return createHash('sha256')
    .update(stableStringify([request.kind ?? 'chat', request.request]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Builds the fingerprint of an input from its first {@link FINGERPRINT_PREFIX} requests, so it can be computed from a
 * stream without reading the whole input first; requests past the prefix are matched by their own hash.
 */
export class InputFingerprint {
  private readonly hash = createHash('sha256');
  private count = 0;

  /** Adds a request; ignored once the prefix is full. Returns the request's own hash. */
  add(request: BatchRequest, requestHash = hashRequest(request)): string {
    if (this.count < FINGERPRINT_PREFIX) {
      this.hash.update(`${JSON.stringify(request.customId)}:${requestHash}\n`);
      this.count += 1;
    }
    return requestHash;
  }

  /** True once the prefix is full. */
  get complete(): boolean {
    return this.count >= FINGERPRINT_PREFIX;
  }

  /** The hex digest (call once). */
  digest(): string {
    return `${this.count}:${this.hash.digest('hex')}`;
  }
}
