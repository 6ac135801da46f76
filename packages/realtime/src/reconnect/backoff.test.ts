import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const options = { initialDelayMs: 100, maxDelayMs: 5000, factor: 2 };

describe('backoffDelay', () => {
  it('retries at once first, then grows exponentially with jitter in the upper half', () => {
    expect(backoffDelay(1, options, undefined, () => 0.99)).toBe(0);
    expect(backoffDelay(2, options, undefined, () => 0)).toBe(50);
    expect(backoffDelay(2, options, undefined, () => 1)).toBe(100);
    expect(backoffDelay(3, options, undefined, () => 1)).toBe(200);
    expect(backoffDelay(4, options, undefined, () => 0.5)).toBe(300);
    expect(backoffDelay(20, options, undefined, () => 1)).toBe(5000);
  });

  it('waits at least as long as a Retry-After asks, even on the first retry', () => {
    expect(backoffDelay(1, options, 1000)).toBe(1000);
    expect(backoffDelay(2, options, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(8, options, 10, () => 1)).toBe(5000);
  });

  it('stays within [ceiling / 2, ceiling] for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, random) => {
        const ceiling = Math.min(5000, 100 * 2 ** (attempt - 2));
        const delay = backoffDelay(attempt, options, undefined, () => random);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling;
      }),
    );
  });
});
