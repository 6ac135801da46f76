import {
  adjustCharge,
  applyHeaders,
  effectiveLimits,
  estimateWait,
  initialKeyState,
  keyShapes,
  refillKey,
  releaseRefill,
  takeCapacity,
} from '../key-state.js';
import type {
  AdjustArgs,
  KeySnapshot,
  ObserveArgs,
  PauseArgs,
  RateLimitKeyState,
  ReserveArgs,
  ReserveResult,
  SnapshotArgs,
} from './rate-limit-store.js';

/** One store operation: a pure function of the key's state (undefined before its first call), the store's clock and the arguments. */
export type StoreOperation<A, R> = (
  state: RateLimitKeyState | undefined,
  now: number,
  args: A,
) => { state: RateLimitKeyState; result: R };

/** How much of the burst each settled call wins back after a 429 halved it. */
export const BURST_RECOVERY_PER_SUCCESS = 0.01;

/**
 * A deep copy, so an operation never changes the state it was given. Written field by field: every copy then has the
 * same shape, and spreading five objects per operation was the largest single cost of a call through the limiter.
 */
function copy(state: RateLimitKeyState | undefined, now: number): RateLimitKeyState {
  if (!state) return initialKeyState(now);
  const { requests, tokens, charged, learned } = state;
  const learnedCopy: RateLimitKeyState['learned'] = {};
  if (learned.requestsPerMinute !== undefined) learnedCopy.requestsPerMinute = learned.requestsPerMinute;
  if (learned.tokensPerMinute !== undefined) learnedCopy.tokensPerMinute = learned.tokensPerMinute;
  return {
    requests: { level: requests.level, updatedAt: requests.updatedAt },
    tokens: { level: tokens.level, updatedAt: tokens.updatedAt },
    pausedUntil: state.pausedUntil,
    charged: { requests: charged.requests, tokens: charged.tokens },
    learned: learnedCopy,
    largestTokenCost: state.largestTokenCost,
    refillHeldSince: state.refillHeldSince,
    burstScale: state.burstScale ?? 1,
  };
}

const reserve: StoreOperation<ReserveArgs, ReserveResult> = (input, now, { config, tokens }) => {
  const state = copy(input, now);
  if (tokens > state.largestTokenCost) state.largestTokenCost = tokens;
  const taken = takeCapacity(state, keyShapes(config, state), tokens, now);
  const result: ReserveResult = taken.ok ? { ok: true, at: now, chargedBefore: taken.chargedBefore } : taken;
  return { state, result };
};

const adjust: StoreOperation<AdjustArgs, undefined> = (input, now, args) => {
  const state = copy(input, now);
  if (args.answered) releaseRefill(state, now);
  if (args.requests !== 0 || args.tokens !== 0) {
    adjustCharge(state, keyShapes(args.config, state), { requests: args.requests, tokens: args.tokens }, now);
  }
  if (args.succeeded && state.burstScale < 1) {
    state.burstScale = Math.min(1, state.burstScale + BURST_RECOVERY_PER_SUCCESS);
  }
  return { state, result: undefined };
};

const pause: StoreOperation<PauseArgs, undefined> = (input, now, { ms, shrinkBurst }) => {
  const state = copy(input, now);
  state.pausedUntil = Math.max(state.pausedUntil, now + ms);
  if (shrinkBurst) state.burstScale /= 2;
  return { state, result: undefined };
};

const observe: StoreOperation<ObserveArgs, undefined> = (input, now, { config, info, context }) => {
  const state = copy(input, now);
  applyHeaders(state, config, info, context, now);
  return { state, result: undefined };
};

const snapshot: StoreOperation<SnapshotArgs, KeySnapshot> = (input, now, args) => {
  const state = copy(input, now);
  const limits = effectiveLimits(args.config.limits, state);
  const shapes = keyShapes(args.config, state);
  refillKey(state, shapes, now);
  const wait = estimateWait(state, shapes, args.tokens ?? 0, args.ahead ?? { requests: 0, tokens: 0 }, now);
  const result: KeySnapshot = {
    requests: limits.requestsPerMinute === undefined ? undefined : state.requests.level,
    tokens: limits.tokensPerMinute === undefined ? undefined : state.tokens.level,
    pausedForMs: Math.max(0, state.pausedUntil - now),
    limits,
    burstScale: state.burstScale,
    wait,
  };
  // A snapshot changes nothing: the state handed back is the one given (refill is recomputed on every operation).
  return { state: input ?? initialKeyState(now), result };
};

/**
 * The reference semantics of every store operation. The memory store applies them to a `Map`; another store must
 * make the same decisions for the same sequence of (operation, time, arguments), e.g. a Redis Lua script per
 * operation checked against these with fast-check.
 */
export const storeOperations = { reserve, adjust, pause, observe, snapshot } as const;
