import {
  combineHooks,
  type Hooks,
  isSwitchboardError,
  type Logger,
  parseConfig,
  RateLimitError,
  type RateLimitInfo,
  type RateLimitOptions,
  type RateLimitWaitEvent,
  rateLimitOptionsSchema,
} from '@switchboard/core';
import { onAbort } from '@switchboard/core/utils';
import { abortReason } from '../shared/abort.js';
import { OptionChecks } from '../shared/option-checks.js';
import { type EstimatedRequest, estimateTokens, type TokenEstimator } from './estimate-tokens.js';
import {
  adjustCharge,
  applyHeaders,
  effectiveLimits,
  estimateWait,
  initialKeyState,
  type KeyShapes,
  keyShapes,
  type RateLimits,
  refillKey,
  releaseRefill,
  takeCapacity,
} from './key-state.js';
import { createMemoryRateLimitStore, type RateLimitKeyState, type RateLimitStore } from './rate-limit-store.js';

/** Settings of `createRateLimiter`: core's `RateLimitOptions` plus per-key limits, the estimator and the store. */
export interface RateLimiterOptions extends RateLimitOptions {
  /** Limits for particular keys (`provider:model`), overriding the defaults above. */
  perKey?: Record<string, RateLimits>;
  /** Estimates a request's tokens before it is sent; defaults to characters/4 plus the chat overhead and max output. */
  estimateTokens?: TokenEstimator;
  /** Where bucket state lives; defaults to memory. */
  store?: RateLimitStore;
  /** How long a 429 without Retry-After pauses the key, in milliseconds. Default 1 000. */
  defaultPauseMs?: number;
  /** Receives `onRateLimitWait`. */
  hooks?: Hooks | Hooks[];
  /** Receives warnings from hooks that throw. */
  logger?: Logger;
  /** The clock, in milliseconds. Defaults to `Date.now`. */
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
  settle(result?: SettleOptions): void;
  /** The call failed after it was sent: a 429 refunds it and pauses every caller of the key until its Retry-After. */
  fail(error: unknown): void;
  /** The call was never sent: everything is given back. */
  cancel(): void;
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
  observe(key: string, rateLimit: RateLimitInfo): void;
  /** Holds every caller of `key` for `ms` (what a 429 does). */
  pause(key: string, ms: number): void;
  /** The state of `key`. */
  inspect(key: string): RateLimitSnapshot;
}

interface Waiter {
  tokens: number;
  grant(chargedBefore: { requests: number; tokens: number }): void;
}

interface WaitQueue {
  waiters: Waiter[];
  queuedTokens: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Creates a token-weighted RPM/TPM limiter. Without smoothing each bucket holds a minute's limit (like OpenAI's);
 * with `smoothing: 'smooth'` calls are spread so that no `smoothingWindowMs` window (Azure: 10 s) sees more than its
 * share. A 429 pauses every caller of the key until its Retry-After; `x-ratelimit-*` headers tighten the buckets.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const {
    perKey = {},
    estimateTokens: estimator = estimateTokens,
    store = createMemoryRateLimitStore(),
    defaultPauseMs = 1_000,
    hooks,
    logger,
    now = Date.now,
    ...settingsInput
  } = options;
  new OptionChecks('rateLimit')
    .fn('estimateTokens', estimator)
    .fn('now', now)
    .number('defaultPauseMs', defaultPauseMs)
    .done();
  for (const [key, limits] of Object.entries(perKey)) {
    new OptionChecks(`rateLimit.perKey.${key}`)
      .number('requestsPerMinute', limits.requestsPerMinute, { min: Number.MIN_VALUE })
      .number('tokensPerMinute', limits.tokensPerMinute, { min: Number.MIN_VALUE })
      .done();
  }
  const settings = parseConfig(rateLimitOptionsSchema, settingsInput, { prefix: 'rateLimit' });
  const windowMs = settings.smoothing === 'smooth' ? settings.smoothingWindowMs : undefined;
  const { headroomMs } = settings;
  const emit = combineHooks(Array.isArray(hooks) ? hooks : [hooks], logger);
  const queues = new Map<string, WaitQueue>();

  const configuredFor = (key: string): RateLimits => {
    const limits: RateLimits = {};
    const specific = perKey[key];
    const requests = specific?.requestsPerMinute ?? settings.requestsPerMinute;
    const tokens = specific?.tokensPerMinute ?? settings.tokensPerMinute;
    if (requests !== undefined) limits.requestsPerMinute = requests;
    if (tokens !== undefined) limits.tokensPerMinute = tokens;
    return limits;
  };

  const shapesOf = (key: string, state: RateLimitKeyState): KeyShapes =>
    keyShapes(effectiveLimits(configuredFor(key), state), state, windowMs, headroomMs);

  /** Runs `change` on the state of `key` and stores the result; nothing in between can yield. */
  const withState = <T>(key: string, change: (state: RateLimitKeyState, at: number) => T): T => {
    const at = now();
    const state = store.get(key) ?? initialKeyState(at);
    const result = change(state, at);
    store.set(key, state);
    return result;
  };

  const take = (key: string, tokens: number) =>
    withState(key, (state, at) => {
      if (tokens > state.largestTokenCost) state.largestTokenCost = tokens;
      return takeCapacity(state, shapesOf(key, state), tokens, at);
    });

  const pump = (key: string): void => {
    const queue = queues.get(key);
    if (!queue) return;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    while (queue.waiters.length > 0) {
      const head = queue.waiters[0] as Waiter;
      const result = take(key, head.tokens);
      if (!result.ok) {
        queue.timer = setTimeout(() => pump(key), Math.max(1, Math.ceil(result.waitMs)));
        return;
      }
      queue.waiters.shift();
      queue.queuedTokens -= head.tokens;
      head.grant(result.chargedBefore);
    }
    queues.delete(key);
  };

  const reservation = (
    key: string,
    tokens: number,
    reservedOutput: number,
    chargedBefore: { requests: number; tokens: number },
  ): RateLimitReservation => {
    const sentAt = now();
    const own = { requests: 1, tokens };
    let open = true;
    const close = (): boolean => {
      const wasOpen = open;
      open = false;
      return wasOpen;
    };
    const refund = () => {
      withState(key, (state, at) => adjustCharge(state, shapesOf(key, state), { requests: -1, tokens: -tokens }, at));
      own.requests = 0;
      own.tokens = 0;
    };
    const feed = (rateLimit: RateLimitInfo | undefined) => {
      if (!rateLimit || !settings.adaptive) return;
      withState(key, (state, at) =>
        applyHeaders(
          state,
          configuredFor(key),
          windowMs,
          headroomMs,
          rateLimit,
          { sentAt, chargedBefore, ownCharge: own },
          at,
        ),
      );
      pump(key);
    };
    return {
      key,
      tokens,
      settle(result = {}) {
        if (!close()) return;
        withState(key, (state, at) => releaseRefill(state, at));
        const charge = realCharge(result.usage, reservedOutput);
        if (charge !== undefined && charge !== tokens) {
          withState(key, (state, at) =>
            adjustCharge(state, shapesOf(key, state), { requests: 0, tokens: charge - tokens }, at),
          );
          own.tokens = charge;
        }
        feed(result.rateLimit);
        pump(key);
      },
      fail(error) {
        if (!close()) return;
        if (isSwitchboardError(error) && error.status !== undefined)
          withState(key, (state, at) => releaseRefill(state, at));
        if (!isProviderRateLimit(error)) return;
        refund();
        pauseKey(key, error.retryAfterMs ?? defaultPauseMs);
        feed(error.rateLimit);
      },
      cancel() {
        if (!close()) return;
        refund();
        pump(key);
      },
    };
  };

  const pauseKey = (key: string, ms: number) => {
    withState(key, (state, at) => {
      state.pausedUntil = Math.max(state.pausedUntil, at + ms);
    });
    pump(key);
  };

  return {
    estimateTokens: estimator,

    acquire(key, { tokens = 0, reservedOutputTokens = 0, signal, onWait } = {}) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      const existing = queues.get(key);
      if (!existing) {
        const result = take(key, tokens);
        if (result.ok) return Promise.resolve(reservation(key, tokens, reservedOutputTokens, result.chargedBefore));
      }
      const ahead = { requests: existing?.waiters.length ?? 0, tokens: existing?.queuedTokens ?? 0 };
      const wait = withState(key, (state, at) => estimateWait(state, shapesOf(key, state), tokens, ahead, at));
      if (wait.waitMs > settings.maxWaitMs) {
        return Promise.reject(
          new RateLimitError({
            kind: 'rate',
            source: 'resilience',
            retryable: false,
            retryAfterMs: Math.ceil(wait.waitMs),
            message: `The client-side rate limit for ${key} would hold this call about ${Math.ceil(wait.waitMs)} ms (${wait.reason}), more than maxWaitMs (${settings.maxWaitMs} ms).`,
          }),
        );
      }
      const event: RateLimitWaitEvent = { key, waitMs: Math.ceil(wait.waitMs), reason: wait.reason };
      emit.onRateLimitWait(event);
      onWait?.(event);
      return new Promise<RateLimitReservation>((resolve, reject) => {
        const queue = existing ?? { waiters: [], queuedTokens: 0, timer: undefined };
        queues.set(key, queue);
        let unsubscribe = () => {};
        const abortWait = () => {
          const index = queue.waiters.indexOf(waiter);
          if (index >= 0) {
            queue.waiters.splice(index, 1);
            queue.queuedTokens -= tokens;
          }
          reject(abortReason(signal as AbortSignal));
          pump(key);
        };
        const waiter: Waiter = {
          tokens,
          grant: (chargedBefore) => {
            unsubscribe();
            resolve(reservation(key, tokens, reservedOutputTokens, chargedBefore));
          },
        };
        queue.waiters.push(waiter);
        queue.queuedTokens += tokens;
        // One listener per shared signal however many calls wait on it (core's `onAbort`).
        unsubscribe = signal ? onAbort(signal, abortWait) : () => {};
        if (!existing) pump(key);
      });
    },

    observe(key, rateLimit) {
      if (!settings.adaptive) return;
      withState(key, (state, at) =>
        applyHeaders(state, configuredFor(key), windowMs, headroomMs, rateLimit, undefined, at),
      );
    },

    pause: pauseKey,

    inspect(key) {
      return withState(key, (state, at) => {
        const limits = effectiveLimits(configuredFor(key), state);
        const queue = queues.get(key);
        refillKey(state, shapesOf(key, state), at);
        return {
          requests: limits.requestsPerMinute === undefined ? undefined : state.requests.level,
          tokens: limits.tokensPerMinute === undefined ? undefined : state.tokens.level,
          pausedForMs: Math.max(0, state.pausedUntil - at),
          waiting: queue?.waiters.length ?? 0,
          limits,
        };
      });
    },
  };
}

/** A 429 the provider sent (not one of our own client-side refusals, and not `insufficient_quota`). */
function isProviderRateLimit(error: unknown): error is RateLimitError {
  return RateLimitError.isInstance(error) && error.source !== 'resilience' && error.kind !== 'quota';
}

/**
 * What the provider charged for a finished call: its real prompt tokens plus the output it reserved (OpenAI and
 * Azure charge `max_tokens` up front and do not give back what went unused), or the real output when more.
 */
function realCharge(usage: SettleOptions['usage'], reservedOutput: number): number | undefined {
  if (!usage) return undefined;
  if (usage.inputTokens !== undefined) return usage.inputTokens + Math.max(reservedOutput, usage.outputTokens ?? 0);
  return usage.totalTokens;
}
