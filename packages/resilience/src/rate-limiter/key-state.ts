import type { RateLimitInfo } from '@switchboard/core';
import type { KeyConfig, RateLimitKeyState, WaitReason } from './store/rate-limit-store.js';
import { type BucketShape, bucketShape, refill, waitForCost } from './token-bucket.js';

/** Per-minute limits of one key. */
export interface RateLimits {
  /** Requests per minute. */
  requestsPerMinute?: number;
  /** Tokens per minute. */
  tokensPerMinute?: number;
}

/** The bucket shapes in force for a key; an absent shape means that dimension is unlimited. */
export interface KeyShapes {
  requests: BucketShape | undefined;
  tokens: BucketShape | undefined;
  /** How long a take from a full bucket may hold refill while waiting for the provider's first answer (ms). */
  holdMs: number;
}

/** The outcome of asking for capacity. */
export type TakeResult =
  | { ok: true; chargedBefore: { requests: number; tokens: number } }
  | { ok: false; waitMs: number; reason: WaitReason };

/** A fresh state: both buckets full. */
export function initialKeyState(now: number): RateLimitKeyState {
  return {
    requests: { level: Number.POSITIVE_INFINITY, updatedAt: now },
    tokens: { level: Number.POSITIVE_INFINITY, updatedAt: now },
    pausedUntil: 0,
    charged: { requests: 0, tokens: 0 },
    learned: {},
    largestTokenCost: 1,
    refillHeldSince: undefined,
    burstScale: 1,
  };
}

/** The limits in force: the configured ones, tightened by what the provider's headers reported. */
export function effectiveLimits(configured: RateLimits, state: RateLimitKeyState): RateLimits {
  const pick = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : Math.min(a, b);
  const limits: RateLimits = {};
  const requests = pick(configured.requestsPerMinute, state.learned.requestsPerMinute);
  const tokens = pick(configured.tokensPerMinute, state.learned.tokensPerMinute);
  if (requests !== undefined) limits.requestsPerMinute = requests;
  if (tokens !== undefined) limits.tokensPerMinute = tokens;
  return limits;
}

/** The bucket shapes for a key: its limits, smoothed over `config.windowMs` when set, the burst scaled by 429s. */
export function keyShapes(config: KeyConfig, state: RateLimitKeyState): KeyShapes {
  const { requestsPerMinute, tokensPerMinute } = effectiveLimits(config.limits, state);
  const { windowMs, headroomMs } = config;
  const scale = state.burstScale ?? 1;
  return {
    holdMs: windowMs === undefined ? headroomMs : 0,
    requests:
      requestsPerMinute === undefined
        ? undefined
        : bucketShape(requestsPerMinute, windowMs, 1, headroomMs, scale, true),
    tokens:
      tokensPerMinute === undefined
        ? undefined
        : bucketShape(tokensPerMinute, windowMs, state.largestTokenCost, headroomMs, scale),
  };
}

/**
 * Brings both buckets up to `now`. While refill is held (see `takeCapacity`), time passes without refilling, for at
 * most `holdMs`.
 */
export function refillKey(state: RateLimitKeyState, shapes: KeyShapes, now: number): void {
  const heldSince = state.refillHeldSince;
  if (heldSince !== undefined) {
    const until = Math.min(now, heldSince + shapes.holdMs);
    skipRefill(state, until);
    if (until < now) state.refillHeldSince = undefined;
  }
  if (shapes.requests) refill(state.requests, shapes.requests, now);
  if (shapes.tokens) refill(state.tokens, shapes.tokens, now);
}

/** The provider answered: its bucket is surely counting by now, so refill resumes from here. */
export function releaseRefill(state: RateLimitKeyState, now: number): void {
  if (state.refillHeldSince === undefined) return;
  skipRefill(state, now);
  state.refillHeldSince = undefined;
}

function skipRefill(state: RateLimitKeyState, until: number): void {
  if (state.requests.updatedAt < until) state.requests.updatedAt = until;
  if (state.tokens.updatedAt < until) state.tokens.updatedAt = until;
}

/**
 * Takes one request and `tokens` when both fit and no 429 pause is in force; otherwise says how long until they
 * would (the longest of the three waits) and why. Without smoothing, a take from a full bucket holds refill until the
 * provider answers (or `shapes.holdMs` passes): the provider's bucket starts draining only when the burst reaches it,
 * so refill counted from our first send would run ahead of the provider's.
 */
export function takeCapacity(state: RateLimitKeyState, shapes: KeyShapes, tokens: number, now: number): TakeResult {
  refillKey(state, shapes, now);
  const { waitMs, reason } = longestWait(
    state.pausedUntil - now,
    shapes.requests ? waitForCost(state.requests, shapes.requests, 1) : 0,
    shapes.tokens ? waitForCost(state.tokens, shapes.tokens, tokens) : 0,
  );
  if (waitMs > 0) return { ok: false, waitMs, reason };
  const chargedBefore = { requests: state.charged.requests, tokens: state.charged.tokens };
  const full =
    (shapes.requests !== undefined && state.requests.level >= shapes.requests.capacity) ||
    (shapes.tokens !== undefined && state.tokens.level >= shapes.tokens.capacity);
  if (shapes.holdMs > 0 && full && state.refillHeldSince === undefined) state.refillHeldSince = now;
  if (shapes.requests) state.requests.level -= 1;
  if (shapes.tokens) state.tokens.level -= tokens;
  state.charged.requests += 1;
  state.charged.tokens += tokens;
  return { ok: true, chargedBefore };
}

/**
 * About how long a caller arriving now waits when `ahead` is already queued: until the buckets could serve everyone
 * in front and this call too.
 */
export function estimateWait(
  state: RateLimitKeyState,
  shapes: KeyShapes,
  tokens: number,
  ahead: { requests: number; tokens: number },
  now: number,
): { waitMs: number; reason: WaitReason } {
  refillKey(state, shapes, now);
  // A cost above capacity only waits for a full bucket (see waitForCost).
  const shortfall = (level: number, shape: BucketShape, own: number, queued: number) =>
    Math.max(0, Math.min(own, shape.capacity) + queued - level) / shape.ratePerMs;
  const { waitMs, reason } = longestWait(
    state.pausedUntil - now,
    shapes.requests ? shortfall(state.requests.level, shapes.requests, 1, ahead.requests) : 0,
    shapes.tokens ? shortfall(state.tokens.level, shapes.tokens, tokens, ahead.tokens) : 0,
  );
  return { waitMs: Math.max(0, waitMs), reason };
}

/** The longest of the three waits and its reason (the first named wins a tie). */
function longestWait(paused: number, requests: number, tokens: number): { waitMs: number; reason: WaitReason } {
  if (requests > paused && requests >= tokens) return { waitMs: requests, reason: 'requests' };
  if (tokens > paused && tokens > requests) return { waitMs: tokens, reason: 'tokens' };
  return { waitMs: paused, reason: 'paused' };
}

/** Changes what a call was charged (a correction after the real usage, or a refund); positive `delta` charges more. */
export function adjustCharge(
  state: RateLimitKeyState,
  shapes: KeyShapes,
  delta: { requests: number; tokens: number },
  now: number,
): void {
  refillKey(state, shapes, now);
  if (shapes.requests) state.requests.level = Math.min(shapes.requests.capacity, state.requests.level - delta.requests);
  if (shapes.tokens) state.tokens.level = Math.min(shapes.tokens.capacity, state.tokens.level - delta.tokens);
  state.charged.requests += delta.requests;
  state.charged.tokens += delta.tokens;
}

/** What is known about the call whose response carried the headers. */
export interface HeaderContext {
  /** When the call was sent. */
  sentAt: number;
  /** The running charge totals just before the call was charged. */
  chargedBefore: { requests: number; tokens: number };
  /** What the call itself still contributes to those totals (0 after a refund). */
  ownCharge: { requests: number; tokens: number };
}

/**
 * Adaptive feedback from `x-ratelimit-*`: a reported limit below the configured one (or the only one known) is
 * adopted; `remaining-*` says what the provider had left when it answered, so the provider's level now is about
 * `remaining − (what we charged since, other than this call) + refill since`; a bucket fuller than that is lowered
 * to it (never below zero). Headers only ever tighten the buckets, so a stale header cannot cause a burst.
 */
export function applyHeaders(
  state: RateLimitKeyState,
  config: KeyConfig,
  info: RateLimitInfo,
  context: HeaderContext | undefined,
  now: number,
): void {
  if (info.limitRequests !== undefined && info.limitRequests > 0) state.learned.requestsPerMinute = info.limitRequests;
  if (info.limitTokens !== undefined && info.limitTokens > 0) state.learned.tokensPerMinute = info.limitTokens;
  const shapes = keyShapes(config, state);
  refillKey(state, shapes, now);
  const elapsed = context ? Math.max(0, now - context.sentAt) : 0;
  const since = (dimension: 'requests' | 'tokens') =>
    context ? state.charged[dimension] - context.chargedBefore[dimension] - context.ownCharge[dimension] : 0;
  lower(state.requests, shapes.requests, info.remainingRequests, since('requests'), elapsed);
  lower(state.tokens, shapes.tokens, info.remainingTokens, since('tokens'), elapsed);
}

function lower(
  bucket: RateLimitKeyState['requests'],
  shape: BucketShape | undefined,
  remaining: number | undefined,
  chargedSince: number,
  elapsedMs: number,
): void {
  if (!shape || remaining === undefined || remaining < 0) return;
  const providerLevel = remaining - chargedSince + elapsedMs * shape.ratePerMs;
  const floor = Math.max(0, Math.min(providerLevel, shape.capacity));
  if (bucket.level > floor) bucket.level = floor;
}
