import type { RateLimitInfo } from '@switchboard/core';
import type { RateLimits } from '../key-state.js';
import type { BucketState } from '../token-bucket.js';

/** Everything a store remembers about one key (provider + model or deployment); plain, JSON-serialisable data. */
export interface RateLimitKeyState {
  /** The request bucket. */
  requests: BucketState;
  /** The token bucket. */
  tokens: BucketState;
  /** No call starts before this time (ms, store clock): set by a 429's Retry-After. */
  pausedUntil: number;
  /** Running totals of what was charged (reservations plus corrections), to read headers against. */
  charged: { requests: number; tokens: number };
  /** Limits reported by `x-ratelimit-limit-*` headers. */
  learned: { requestsPerMinute?: number; tokensPerMinute?: number };
  /** The largest token reservation seen; sizes the token bucket when smoothing. */
  largestTokenCost: number;
  /** Since when refill is held: a full bucket started draining and the provider has not answered yet (ms). */
  refillHeldSince: number | undefined;
  /**
   * The share (0–1] of the configured burst the buckets may hold beyond the smallest safe one. Every provider 429
   * halves it, each settled call wins a little back: a 429 means the provider enforces in smaller windows than
   * assumed, so the next burst is smaller instead of merely later.
   */
  burstScale: number;
}

/**
 * How the limiter shapes a key's buckets. Sent with every operation, so a store needs no configuration of its own
 * and two processes with the same settings compute the same buckets.
 */
export interface KeyConfig {
  /** The configured per-minute limits (headers may tighten them; see `RateLimitKeyState.learned`). */
  limits: RateLimits;
  /** Smoothing window in ms (no window of this length sees more than its share); undefined: minute-sized bursts. */
  windowMs: number | undefined;
  /** Refill time held back from a full bucket for calls still on their way (bursts only). */
  headroomMs: number;
}

/** Arguments of `reserve`. */
export interface ReserveArgs {
  config: KeyConfig;
  /** Tokens to take along with one request. */
  tokens: number;
}

/** Why a call has to wait. */
export type WaitReason = 'requests' | 'tokens' | 'paused';

/** The outcome of `reserve`. */
export type ReserveResult =
  | {
      ok: true;
      /** Store time of the reservation (ms). */
      at: number;
      /** The key's running charge totals just before this reservation (to read later headers against). */
      chargedBefore: { requests: number; tokens: number };
    }
  | { ok: false; waitMs: number; reason: WaitReason };

/** Arguments of `adjust`: a correction after the real usage (positive: charge more) or a refund (negative). */
export interface AdjustArgs {
  config: KeyConfig;
  requests: number;
  tokens: number;
  /** The provider answered this call: refill held since a burst from a full bucket resumes. */
  answered: boolean;
  /** The call succeeded: a shrunken burst wins a little back. */
  succeeded: boolean;
}

/** Arguments of `pause`. */
export interface PauseArgs {
  /** Hold every caller this long (ms from the store's now). */
  ms: number;
  /** The pause comes from a provider 429: also halve the burst. */
  shrinkBurst: boolean;
}

/** Arguments of `observe`. */
export interface ObserveArgs {
  config: KeyConfig;
  /** The parsed `x-ratelimit-*` headers. */
  info: RateLimitInfo;
  /** The reservation whose response carried them, when known. */
  context?: {
    /** Store time of the reservation. */
    sentAt: number;
    /** `chargedBefore` of the reservation. */
    chargedBefore: { requests: number; tokens: number };
    /** What the call itself still contributes to the totals (0 after a refund). */
    ownCharge: { requests: number; tokens: number };
  };
}

/** Arguments of `snapshot`. */
export interface SnapshotArgs {
  config: KeyConfig;
  /** Also estimate the wait of a call of this many tokens... */
  tokens?: number;
  /** ...queued behind these many requests and tokens. */
  ahead?: { requests: number; tokens: number };
}

/** A key's state as seen now (nothing is changed by taking it). */
export interface KeySnapshot {
  /** Requests available now (undefined: unlimited). */
  requests: number | undefined;
  /** Tokens available now (undefined: unlimited). */
  tokens: number | undefined;
  /** How long calls stay paused after a 429, in ms. */
  pausedForMs: number;
  /** The limits in force (configured, tightened by headers). */
  limits: RateLimits;
  /** The burst share in force (see `RateLimitKeyState.burstScale`). */
  burstScale: number;
  /** About how long the call described by `tokens`/`ahead` would wait now. */
  wait: { waitMs: number; reason: WaitReason };
}

/**
 * Where limiter state lives: the operations a store performs atomically, each on one key. Every operation is the pure
 * function of the same name in `storeOperations` applied to (the key's state, the store's clock, the arguments); time
 * comes from the store, never from the caller, so processes with skewed clocks can share one store. A networked store
 * (Redis) runs each operation as one script; the memory store is the reference implementation, and
 * `@switchboard/resilience/testing` holds the conformance suite every store must pass.
 */
export interface RateLimitStore {
  /** Takes one request and `tokens` if both fit and no pause is in force; otherwise says how long until they would. */
  reserve(key: string, args: ReserveArgs): Promise<ReserveResult>;
  /** Charges more (positive) or gives back (negative) after a call: its settlement or refund. */
  adjust(key: string, args: AdjustArgs): Promise<void>;
  /** Holds every caller of the key (what a 429 does). */
  pause(key: string, args: PauseArgs): Promise<void>;
  /** Lets `x-ratelimit-*` headers tighten the buckets. */
  observe(key: string, args: ObserveArgs): Promise<void>;
  /** The key's state now. */
  snapshot(key: string, args: SnapshotArgs): Promise<KeySnapshot>;
}
