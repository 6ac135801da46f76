import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BucketState, bucketShape, refill, SMOOTHING_SLACK, waitForCost } from './token-bucket.js';

/**
 * Sends whole calls through a request bucket as fast as it allows, each call arriving at or after its `arrivals` time
 * (ms), and returns the send times.
 */
function sendTimes(perMinute: number, windowMs: number, arrivals: number[], burstScale = 1): number[] {
  const shape = bucketShape(perMinute, windowMs, 1, 0, burstScale, true);
  const state: BucketState = { level: shape.capacity, updatedAt: 0 };
  const sent: number[] = [];
  let now = 0;
  for (const arrival of [...arrivals].sort((a, b) => a - b)) {
    now = Math.max(now, arrival);
    refill(state, shape, now);
    const wait = waitForCost(state, shape, 1);
    if (wait > 0) {
      now += wait;
      refill(state, shape, now);
    }
    state.level -= 1;
    sent.push(now);
  }
  return sent;
}

/** The most sends any half-open interval of `length` ms holds. */
function mostIn(times: number[], length: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= length) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('bucketShape with whole calls (the request bucket, smoothed)', () => {
  it('never puts more than the rounded-down share in a window, even one that many calls reach 2% late (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(1, 0.5, 0.25),
        (perMinute, arrivals, burstScale) => {
          const windowMs = 1_000;
          const allowance = Math.max(1, Math.floor(perMinute / 60));
          const sent = sendTimes(perMinute, windowMs, arrivals, burstScale);
          expect(mostIn(sent, windowMs * (1 + SMOOTHING_SLACK))).toBeLessThanOrEqual(allowance);
          // Never more than the per-minute limit in any minute.
          expect(mostIn(sent, 60_000)).toBeLessThanOrEqual(Math.max(1, perMinute));
        },
      ),
      { seed: 20_261_205, numRuns: 300 },
    );
  });

  it('keeps about 96% of a small per-second share where the plain bucket kept a call less per second', () => {
    for (const [perMinute, least] of [
      [180, 0.95],
      [600, 0.95],
      [2_400, 0.95],
      [3_000, 0.95],
    ] as const) {
      const shape = bucketShape(perMinute, 1_000, 1, 0, 1, true);
      expect(shape.ratePerMs * 60_000).toBeGreaterThanOrEqual(perMinute * least);
      // Tokens are not whole calls: their bucket keeps the plain shape.
      const tokens = bucketShape(perMinute, 1_000, 1, 0, 1, false);
      expect(tokens.ratePerMs).toBeLessThanOrEqual(shape.ratePerMs);
    }
    // 600 RPM: 10 a second; the plain shape refilled 8.8 a second.
    expect(bucketShape(600, 1_000, 1, 0, 1, true).ratePerMs * 1_000).toBeCloseTo(9.8 / 1.02, 6);
    expect(bucketShape(600, 1_000, 1, 0, 1, false).ratePerMs * 1_000).toBeCloseTo(8.8, 6);
  });
});
