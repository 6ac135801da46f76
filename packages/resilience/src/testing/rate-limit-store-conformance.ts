import type { KeyConfig, RateLimitStore } from '../rate-limiter/store/rate-limit-store.js';
import { BURST_RECOVERY_PER_SUCCESS } from '../rate-limiter/store/store-operations.js';

/** One case of the conformance suite: run it inside any test framework's `it`/`test`. */
export interface StoreConformanceCase {
  /** What the case proves. */
  name: string;
  /** Resolves when the store behaves; rejects with an Error naming the difference otherwise. */
  run(): Promise<void>;
}

/**
 * Slow limits, so the refill during a case (even a slow one against a networked store) stays under `SLACK`:
 * 6 requests and 600 tokens per minute refill 0.1 request and 10 tokens per second.
 */
const BURST: KeyConfig = { limits: { requestsPerMinute: 6, tokensPerMinute: 600 }, windowMs: undefined, headroomMs: 0 };
/** How far a level may drift upward by refill while a case runs (about 2 s of refill). */
const SLACK = { requests: 0.2, tokens: 20 };

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`rate-limit store conformance: ${message}`);
}

function near(actual: number | undefined, expected: number, slack: number, what: string): void {
  check(
    actual !== undefined && actual >= expected - 1e-6 && actual <= expected + slack,
    `${what}: expected about ${expected} (up to +${slack} of refill), got ${actual}`,
  );
}

/**
 * The behaviour every `RateLimitStore` must show, as framework-neutral cases (each on a fresh store from
 * `createStore`, on keys of its own). Time is the store's: the cases only assume that it moves forward and that a
 * case takes under about two seconds. Use it as
 * `for (const c of rateLimitStoreConformance(() => createMyStore())) it(c.name, c.run)`.
 */
export function rateLimitStoreConformance(
  createStore: () => RateLimitStore | Promise<RateLimitStore>,
): StoreConformanceCase[] {
  let counter = 0;
  const freshKey = () => `conformance:${Date.now().toString(36)}:${(counter++).toString(36)}`;
  const each = (name: string, body: (store: RateLimitStore, key: string) => Promise<void>): StoreConformanceCase => ({
    name,
    run: async () => body(await createStore(), freshKey()),
  });

  return [
    each('reserve takes capacity until a bucket is empty, then names the bucket and the wait', async (store, key) => {
      for (let i = 0; i < 6; i++) {
        const result = await store.reserve(key, { config: BURST, tokens: 10 });
        check(result.ok, `reservation ${i + 1} of 6 was refused`);
      }
      const refused = await store.reserve(key, { config: BURST, tokens: 10 });
      check(!refused.ok, 'a seventh request fitted a bucket of 6');
      if (!refused.ok) {
        check(refused.reason === 'requests', `reason ${refused.reason}, expected requests`);
        check(refused.waitMs > 7_000 && refused.waitMs <= 10_000, `wait ${refused.waitMs} ms, expected about 10 s`);
      }
      const tokens = await store.reserve(`${key}:t`, { config: BURST, tokens: 600 });
      check(tokens.ok, 'a full token bucket refused its capacity');
      const starved = await store.reserve(`${key}:t`, { config: BURST, tokens: 100 });
      check(!starved.ok && starved.reason === 'tokens', 'the token bucket did not refuse when empty');
    }),

    each('keys are independent', async (store, key) => {
      for (let i = 0; i < 6; i++) await store.reserve(key, { config: BURST, tokens: 0 });
      const other = await store.reserve(`${key}:other`, { config: BURST, tokens: 0 });
      check(other.ok, 'emptying one key emptied another');
    }),

    each('concurrent reservations are atomic: exactly the capacity is granted', async (store, key) => {
      const results = await Promise.all(
        Array.from({ length: 40 }, () => store.reserve(key, { config: BURST, tokens: 0 })),
      );
      const granted = results.filter((r) => r.ok).length;
      check(granted === 6, `${granted} of 40 concurrent reservations granted from a bucket of 6`);
    }),

    each('chargedBefore and at describe each reservation in order', async (store, key) => {
      const first = await store.reserve(key, { config: BURST, tokens: 30 });
      const second = await store.reserve(key, { config: BURST, tokens: 50 });
      check(first.ok && second.ok, 'reservations refused');
      if (!first.ok || !second.ok) return;
      check(
        first.chargedBefore.requests === 0 && first.chargedBefore.tokens === 0,
        `first chargedBefore ${JSON.stringify(first.chargedBefore)}`,
      );
      check(
        second.chargedBefore.requests === 1 && second.chargedBefore.tokens === 30,
        `second chargedBefore ${JSON.stringify(second.chargedBefore)}, expected 1 request and 30 tokens`,
      );
      check(Number.isFinite(first.at) && second.at >= first.at, 'reservation times do not move forward');
    }),

    each('adjust refunds and charges more, never above capacity', async (store, key) => {
      await store.reserve(key, { config: BURST, tokens: 300 });
      near((await store.snapshot(key, { config: BURST })).tokens, 300, SLACK.tokens, 'tokens after reserving 300');
      await store.adjust(key, { config: BURST, requests: 0, tokens: 100, answered: true, succeeded: true });
      near((await store.snapshot(key, { config: BURST })).tokens, 200, SLACK.tokens, 'tokens after charging 100 more');
      await store.adjust(key, { config: BURST, requests: -1, tokens: -400, answered: false, succeeded: false });
      const after = await store.snapshot(key, { config: BURST });
      near(after.tokens, 600, 0, 'tokens after a refund beyond capacity');
      near(after.requests, 6, 0, 'requests after a refund');
    }),

    each('pause holds every caller, longer pauses win, and a 429 pause halves the burst', async (store, key) => {
      await store.pause(key, { ms: 5_000, shrinkBurst: false });
      await store.pause(key, { ms: 1_000, shrinkBurst: false });
      const held = await store.reserve(key, { config: BURST, tokens: 0 });
      check(!held.ok && held.reason === 'paused', 'a paused key granted a reservation');
      if (!held.ok) check(held.waitMs > 3_000 && held.waitMs <= 5_000, `paused wait ${held.waitMs}, expected ≤ 5 s`);
      const snapshot = await store.snapshot(key, { config: BURST });
      check(snapshot.pausedForMs > 3_000 && snapshot.pausedForMs <= 5_000, `pausedForMs ${snapshot.pausedForMs}`);
      check(snapshot.burstScale === 1, 'a plain pause changed the burst');
      await store.pause(key, { ms: 0, shrinkBurst: true });
      check((await store.snapshot(key, { config: BURST })).burstScale === 0.5, 'a 429 pause did not halve the burst');
      await store.adjust(key, { config: BURST, requests: 0, tokens: 0, answered: true, succeeded: true });
      const recovered = (await store.snapshot(key, { config: BURST })).burstScale;
      check(
        Math.abs(recovered - (0.5 + BURST_RECOVERY_PER_SUCCESS)) < 1e-9,
        `burst after a success ${recovered}, expected ${0.5 + BURST_RECOVERY_PER_SUCCESS}`,
      );
    }),

    each('observe learns lower limits and lowers levels to what the provider has left', async (store, key) => {
      await store.observe(key, {
        config: BURST,
        info: { limitRequests: 5, remainingRequests: 2, remainingTokens: 100 },
      });
      const snapshot = await store.snapshot(key, { config: BURST });
      check(snapshot.limits.requestsPerMinute === 5, `learned limit ${snapshot.limits.requestsPerMinute}, expected 5`);
      near(snapshot.requests, 2, SLACK.requests, 'requests after remaining-requests: 2');
      near(snapshot.tokens, 100, SLACK.tokens, 'tokens after remaining-tokens: 100');
      await store.observe(key, { config: BURST, info: { remainingRequests: 5, remainingTokens: -1 } });
      near((await store.snapshot(key, { config: BURST })).requests, 2, SLACK.requests, 'headers never raise a level');
    }),

    each('snapshot changes nothing and estimates the wait behind a queue', async (store, key) => {
      for (let i = 0; i < 6; i++) await store.reserve(key, { config: BURST, tokens: 0 });
      const first = await store.snapshot(key, { config: BURST, tokens: 0, ahead: { requests: 2, tokens: 0 } });
      const second = await store.snapshot(key, { config: BURST });
      near(second.requests, first.requests ?? Number.NaN, SLACK.requests, 'requests after a snapshot');
      // Three requests (two ahead plus this one) at 0.1 per second: about 30 s.
      check(first.wait.reason === 'requests', `wait reason ${first.wait.reason}`);
      check(first.wait.waitMs > 27_000 && first.wait.waitMs <= 30_000, `estimated wait ${first.wait.waitMs} ms`);
      const unknown = await store.snapshot(`${key}:new`, {
        config: { limits: {}, windowMs: undefined, headroomMs: 0 },
      });
      check(unknown.requests === undefined && unknown.tokens === undefined, 'an unlimited key reported levels');
    }),
  ];
}
