import type { Hooks, Logger, RateLimitInfo, RateLimitOptions, RateLimitWaitEvent } from '@switchboard/core';
import type { EstimatedRequest, TokenEstimator } from './estimate-tokens.js';
import type { RateLimits } from './key-state.js';
import type { RateLimitStore } from './store/rate-limit-store.js';

/** Settings of `createRateLimiter`: core's `RateLimitOptions` plus per-key limits, the estimator and the store. */
export interface RateLimiterOptions extends RateLimitOptions {
  /** Limits for particular keys (`provider:model`), overriding the defaults above. */
  perKey?: Record<string, RateLimits>;
  /** Estimates a request's tokens before it is sent; defaults to characters/4 plus the chat overhead and max output. */
  estimateTokens?: TokenEstimator;
  /** Where bucket state lives (its clock is the limiter's clock); defaults to a memory store on `now`. */
  store?: RateLimitStore;
  /** How long a 429 without Retry-After pauses the key, in milliseconds. Default 1 000. */
  defaultPauseMs?: number;
  /** Receives `onRateLimitWait`. */
  hooks?: Hooks | Hooks[];
  /** Receives warnings from hooks that throw. */
  logger?: Logger;
  /** The clock of the default memory store, in milliseconds. Defaults to `Date.now`. Ignored with `store`. */
  now?: () => number;
}

/** Options of one `acquire`. */
export interface AcquireOptions {
  /** The estimated tokens of the call (see `estimateTokens`). Default 0. */
  tokens?: number;
  /** The part of `tokens` reserved for output (`maxOutputTokens`), which the provider charges in full. */
  reservedOutputTokens?: number;
  /** Gives up waiting: the promise rejects at once with the abort reason. */
  signal?: AbortSignal;
  /** Told when this call has to wait (besides the limiter's own hooks). */
  onWait?: (event: RateLimitWaitEvent) => void;
}

/** The real cost of a finished call. */
export interface SettleOptions {
  /** The usage the provider reported. */
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  /** The response's `x-ratelimit-*` state. */
  rateLimit?: RateLimitInfo;
}

/** Capacity taken for one call; settle it exactly once. */
export interface RateLimitReservation {
  /** The limiter key. */
  readonly key: string;
  /** The tokens reserved. */
  readonly tokens: number;
  /**
   * The call succeeded: its charge becomes the real prompt tokens plus the reserved output (the provider charges
   * `max_tokens` up front), and the response headers tighten the buckets.
   */
  settle(result?: SettleOptions): Promise<void>;
  /**
   * The call failed after it was sent: a 429 refunds it, pauses every caller of the key until its Retry-After and
   * halves the burst the buckets allow.
   */
  fail(error: unknown): Promise<void>;
  /** The call was never sent: everything is given back. */
  cancel(): Promise<void>;
}

/** What the limiter knows about a key right now. */
export interface RateLimitSnapshot {
  /** Requests available now (undefined: unlimited). */
  requests: number | undefined;
  /** Tokens available now (undefined: unlimited). */
  tokens: number | undefined;
  /** How long calls stay paused after a 429, in milliseconds. */
  pausedForMs: number;
  /** Callers waiting. */
  waiting: number;
  /** The limits in force (configured, tightened by headers). */
  limits: RateLimits;
  /** The share of the configured burst in force (1 until a provider 429 halves it). */
  burstScale: number;
}

/**
 * A client-side limiter with a request bucket and a token bucket per key, refilled continuously. Share one instance
 * between every provider wrapper (and batch runner) that uses the same quota.
 */
export interface RateLimiter {
  /**
   * Waits until one request and `tokens` are available for `key` (callers are served in arrival order), then takes
   * them. Rejects at once when `signal` aborts, and with a `RateLimitError` when the wait would exceed `maxWaitMs`.
   */
  acquire(key: string, options?: AcquireOptions): Promise<RateLimitReservation>;
  /** The injected (or default) token estimate of a request. */
  estimateTokens(request: EstimatedRequest): number;
  /** Feeds `x-ratelimit-*` headers seen outside a reservation. */
  observe(key: string, rateLimit: RateLimitInfo): Promise<void>;
  /** Holds every caller of `key` for `ms` (what a 429 does, without the burst shrinking). */
  pause(key: string, ms: number): Promise<void>;
  /** The state of `key`. */
  inspect(key: string): Promise<RateLimitSnapshot>;
  /** The configured limits of `key` (synchronous; headers may have tightened them, see `inspect`). */
  limitsFor(key: string): RateLimits;
}
