import type { BucketState } from './token-bucket.js';

/** Everything the limiter remembers about one key (provider + model or deployment); plain data. */
export interface RateLimitKeyState {
  /** The request bucket. */
  requests: BucketState;
  /** The token bucket. */
  tokens: BucketState;
  /** No call starts before this time (ms): set by a 429's Retry-After. */
  pausedUntil: number;
  /** Running totals of what was charged (reservations plus corrections), to read headers against. */
  charged: { requests: number; tokens: number };
  /** Limits reported by `x-ratelimit-limit-*` headers. */
  learned: { requestsPerMinute?: number; tokensPerMinute?: number };
  /** The largest token reservation seen; sizes the token bucket when smoothing. */
  largestTokenCost: number;
  /** Since when refill is held: a full bucket started draining and the provider has not answered yet (ms). */
  refillHeldSince: number | undefined;
}

/**
 * Where limiter state lives. The limiter reads a key's state, changes it and writes it back without yielding in
 * between, so a synchronous store is race-free within a process. The in-memory store is the only one for now.
 */
export interface RateLimitStore {
  /** The state of `key`, or undefined before its first call. */
  get(key: string): RateLimitKeyState | undefined;
  /** Stores the state of `key`. */
  set(key: string, state: RateLimitKeyState): void;
}

/** A store in a `Map`: state is per process and lost on exit. */
export function createMemoryRateLimitStore(): RateLimitStore {
  const states = new Map<string, RateLimitKeyState>();
  return {
    get: (key) => states.get(key),
    set: (key, state) => {
      states.set(key, state);
    },
  };
}
