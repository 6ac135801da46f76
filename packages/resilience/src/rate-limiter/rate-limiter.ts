import {
  combineHooks,
  isSwitchboardError,
  parseConfig,
  RateLimitError,
  type RateLimitInfo,
  type RateLimitWaitEvent,
  rateLimitOptionsSchema,
} from '@switchboard/core';
import { onAbort as subscribeAbort } from '@switchboard/core/utils';
import { ConfigCollector, knownOnly } from '../config/config-collector.js';
import { KNOWN_OPTIONS } from '../config/known-options.js';
import { abortReason } from '../shared/abort.js';
import { OptionChecks } from '../shared/option-checks.js';
import { estimateTokens } from './estimate-tokens.js';
import type { RateLimits } from './key-state.js';
import type { RateLimiter, RateLimiterOptions, RateLimitReservation, SettleOptions } from './rate-limiter-types.js';
import { createMemoryRateLimitStore } from './store/memory-rate-limit-store.js';
import type { KeyConfig, KeySnapshot, ObserveArgs, RateLimitStore } from './store/rate-limit-store.js';

export type {
  AcquireOptions,
  RateLimiter,
  RateLimiterOptions,
  RateLimitReservation,
  RateLimitSnapshot,
  SettleOptions,
} from './rate-limiter-types.js';

/** The default smoothing window: one second, the smallest quantum OpenAI documents (Azure's 1 s and 10 s both fit). */
export const DEFAULT_SMOOTHING_WINDOW_MS = 1_000;

interface Waiter {
  tokens: number;
  /** Told about its wait already (or refused for waiting too long). */
  announced: boolean;
  onWait: ((event: RateLimitWaitEvent) => void) | undefined;
  grant(at: number, chargedBefore: { requests: number; tokens: number }): void;
  refuse(error: unknown): void;
}

interface WaitQueue {
  waiters: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A `reserve` for the head is in flight. */
  draining: boolean;
}

/**
 * Creates a token-weighted RPM/TPM limiter. By default calls are smoothed over one-second windows: no second sees more
 * than its share of the per-minute limit, which is safe against OpenAI's per-second quanta and Azure's 1 s and 10 s
 * windows while keeping about 95–97% of the limit. `smoothing: 'none'` allows minute-sized bursts (OpenAI's nominal
 * model). A 429 pauses every caller of the key until its Retry-After and halves the burst; `x-ratelimit-*` headers
 * tighten the buckets. State lives in the store (memory by default), through its atomic operations.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const {
    perKey = {},
    estimateTokens: estimator = estimateTokens,
    store: storeOption,
    defaultPauseMs = 1_000,
    hooks,
    logger,
    now = Date.now,
    ...settingsInput
  } = options;
  const collector = new ConfigCollector().unknownKeys('rateLimit', options, KNOWN_OPTIONS.rateLimiter);
  collector.run(() =>
    new OptionChecks('rateLimit')
      .fn('estimateTokens', estimator)
      .fn('now', now)
      .number('defaultPauseMs', defaultPauseMs)
      .done(),
  );
  for (const [key, limits] of Object.entries(perKey)) {
    collector.unknownKeys(`rateLimit.perKey.${key}`, limits, ['requestsPerMinute', 'tokensPerMinute']);
    collector.run(() =>
      new OptionChecks(`rateLimit.perKey.${key}`)
        .number('requestsPerMinute', limits.requestsPerMinute, { min: Number.MIN_VALUE })
        .number('tokensPerMinute', limits.tokensPerMinute, { min: Number.MIN_VALUE })
        .done(),
    );
  }
  const parsed = collector.run(() =>
    parseConfig(
      rateLimitOptionsSchema,
      {
        ...knownOnly(settingsInput, KNOWN_OPTIONS.rateLimiter),
        smoothing: settingsInput.smoothing ?? 'smooth',
        smoothingWindowMs: settingsInput.smoothingWindowMs ?? DEFAULT_SMOOTHING_WINDOW_MS,
      },
      { prefix: 'rateLimit' },
    ),
  );
  collector.done();
  const settings = parsed as NonNullable<typeof parsed>;
  const store = storeOption ?? createMemoryRateLimitStore({ now });
  const windowMs = settings.smoothing === 'smooth' ? settings.smoothingWindowMs : undefined;
  const { headroomMs } = settings;
  const emit = combineHooks(Array.isArray(hooks) ? hooks : [hooks], logger);
  const queues = new Map<string, WaitQueue>();

  // A key's config never changes (the settings are fixed at creation): built once, sent with every store operation.
  const configs = new Map<string, KeyConfig>();
  const configFor = (key: string): KeyConfig => {
    const known = configs.get(key);
    if (known) return known;
    const limits: RateLimits = {};
    const specific = perKey[key];
    const requests = specific?.requestsPerMinute ?? settings.requestsPerMinute;
    const tokens = specific?.tokensPerMinute ?? settings.tokensPerMinute;
    if (requests !== undefined) limits.requestsPerMinute = requests;
    if (tokens !== undefined) limits.tokensPerMinute = tokens;
    const config: KeyConfig = { limits, windowMs, headroomMs };
    configs.set(key, config);
    return config;
  };

  /** Store failures after a call has been decided are reported, never thrown into the caller's path. */
  const quietly = (what: string, operation: Promise<unknown>): Promise<void> =>
    operation.then(
      () => undefined,
      (error: unknown) => logger?.warn?.({ err: error }, `rate limiter: the store failed to ${what}`),
    );

  const announce = (key: string, waiter: Waiter, waitMs: number, reason: KeySnapshot['wait']['reason']): boolean => {
    waiter.announced = true;
    if (waitMs > settings.maxWaitMs) {
      waiter.refuse(
        new RateLimitError({
          kind: 'rate',
          source: 'resilience',
          retryable: false,
          retryAfterMs: Math.ceil(waitMs),
          message: `The client-side rate limit for ${key} would hold this call about ${Math.ceil(waitMs)} ms (${reason}), more than maxWaitMs (${settings.maxWaitMs} ms).`,
        }),
      );
      return false;
    }
    const event: RateLimitWaitEvent = { key, waitMs: Math.ceil(waitMs), reason };
    emit.onRateLimitWait(event);
    waiter.onWait?.(event);
    return true;
  };

  /** Estimates (for the hooks and maxWaitMs) the wait of a queued caller, behind everyone ahead of it. */
  const estimateFor = (key: string, queue: WaitQueue, waiter: Waiter): void => {
    waiter.announced = true;
    const index = queue.waiters.indexOf(waiter);
    const ahead = { requests: 0, tokens: 0 };
    for (const other of queue.waiters.slice(0, Math.max(0, index))) {
      ahead.requests += 1;
      ahead.tokens += other.tokens;
    }
    store.snapshot(key, { config: configFor(key), tokens: waiter.tokens, ahead }).then(
      (snapshot) => {
        if (queue.waiters.includes(waiter)) announce(key, waiter, snapshot.wait.waitMs, snapshot.wait.reason);
      },
      (error: unknown) => {
        if (queue.waiters.includes(waiter)) waiter.refuse(error);
      },
    );
  };

  /** Serves the queue of `key` in arrival order, one `reserve` at a time; sleeps until the head's wait is over. */
  const drain = async (key: string, queue: WaitQueue): Promise<void> => {
    if (queue.draining) return;
    queue.draining = true;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    try {
      while (queue.waiters.length > 0) {
        const head = queue.waiters[0] as Waiter;
        let result: Awaited<ReturnType<RateLimitStore['reserve']>>;
        try {
          result = await store.reserve(key, { config: configFor(key), tokens: head.tokens });
        } catch (error) {
          head.refuse(error);
          continue;
        }
        if (queue.waiters[0] !== head) {
          // The head gave up (abort) while its reservation was in flight: give the capacity back.
          if (result.ok) await quietly('refund', refundCall(key, head.tokens));
          continue;
        }
        if (!result.ok) {
          if (!head.announced && !announce(key, head, result.waitMs, result.reason)) continue;
          queue.timer = setTimeout(() => void drain(key, queue), Math.max(1, Math.ceil(result.waitMs)));
          // Those who arrived while this reservation was in flight learn their wait now.
          for (const waiter of queue.waiters) if (!waiter.announced) estimateFor(key, queue, waiter);
          return;
        }
        head.grant(result.at, result.chargedBefore);
      }
      if (queues.get(key) === queue) queues.delete(key);
    } finally {
      queue.draining = false;
    }
  };

  const refundCall = (key: string, tokens: number) =>
    store.adjust(key, { config: configFor(key), requests: -1, tokens: -tokens, answered: false, succeeded: false });

  const reservation = (
    key: string,
    tokens: number,
    reservedOutput: number,
    sentAt: number,
    chargedBefore: { requests: number; tokens: number },
  ): RateLimitReservation => {
    const own = { requests: 1, tokens };
    let open = true;
    const close = (): boolean => {
      const wasOpen = open;
      open = false;
      return wasOpen;
    };
    const feed = async (rateLimit: RateLimitInfo | undefined) => {
      if (!rateLimit || !settings.adaptive) return;
      const args: ObserveArgs = {
        config: configFor(key),
        info: rateLimit,
        context: { sentAt, chargedBefore, ownCharge: own },
      };
      await quietly('observe headers', store.observe(key, args));
    };
    const wake = () => {
      const queue = queues.get(key);
      if (queue) void drain(key, queue);
    };
    return {
      key,
      tokens,
      async settle(result = {}) {
        if (!close()) return;
        const charge = realCharge(result.usage, reservedOutput);
        const delta = charge !== undefined && charge !== tokens ? charge - tokens : 0;
        await quietly(
          'settle',
          store.adjust(key, { config: configFor(key), requests: 0, tokens: delta, answered: true, succeeded: true }),
        );
        if (delta !== 0) own.tokens = charge as number;
        await feed(result.rateLimit);
        wake();
      },
      async fail(error) {
        if (!close()) return;
        const answered = isSwitchboardError(error) && error.status !== undefined;
        if (!isProviderRateLimit(error)) {
          if (answered) {
            await quietly(
              'settle',
              store.adjust(key, { config: configFor(key), requests: 0, tokens: 0, answered, succeeded: false }),
            );
          }
          return;
        }
        await quietly(
          'refund',
          store.adjust(key, { config: configFor(key), requests: -1, tokens: -tokens, answered, succeeded: false }),
        );
        own.requests = 0;
        own.tokens = 0;
        await quietly('pause', store.pause(key, { ms: error.retryAfterMs ?? defaultPauseMs, shrinkBurst: true }));
        await feed((error as { rateLimit?: RateLimitInfo }).rateLimit);
        wake();
      },
      async cancel() {
        if (!close()) return;
        await quietly('refund', refundCall(key, tokens));
        own.requests = 0;
        own.tokens = 0;
        wake();
      },
    };
  };

  return {
    estimateTokens: estimator,

    acquire(key, { tokens = 0, reservedOutputTokens = 0, signal, onWait } = {}) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<RateLimitReservation>((resolve, reject) => {
        let queue = queues.get(key);
        const fresh = !queue;
        if (!queue) {
          queue = { waiters: [], timer: undefined, draining: false };
          queues.set(key, queue);
        }
        const own = queue;
        let unsubscribe = () => {};
        const leave = () => {
          const index = own.waiters.indexOf(waiter);
          if (index >= 0) own.waiters.splice(index, 1);
          unsubscribe();
          return index;
        };
        const onAbort = () => {
          const index = leave();
          reject(abortReason(signal as AbortSignal));
          // The head left: whoever is next may fit now.
          if (index === 0) void drain(key, own);
        };
        const waiter: Waiter = {
          tokens,
          announced: false,
          onWait,
          grant: (at, chargedBefore) => {
            leave();
            resolve(reservation(key, tokens, reservedOutputTokens, at, chargedBefore));
          },
          refuse: (error) => {
            leave();
            reject(error);
          },
        };
        own.waiters.push(waiter);
        // One listener per shared signal however many calls wait on it (core's `onAbort`).
        if (signal) unsubscribe = subscribeAbort(signal, onAbort);
        if (fresh) void drain(key, own);
        // Behind a head that is known to wait: estimate this wait now. (While the head's reservation is in flight,
        // the drain tells everyone once it knows.)
        else if (!own.draining) estimateFor(key, own, waiter);
      });
    },

    async observe(key, rateLimit) {
      if (!settings.adaptive) return;
      await store.observe(key, { config: configFor(key), info: rateLimit });
    },

    async pause(key, ms) {
      await store.pause(key, { ms, shrinkBurst: false });
      const queue = queues.get(key);
      if (queue && !queue.draining) void drain(key, queue);
    },

    limitsFor: (key) => ({ ...configFor(key).limits }),

    async inspect(key) {
      const snapshot = await store.snapshot(key, { config: configFor(key) });
      return {
        requests: snapshot.requests,
        tokens: snapshot.tokens,
        pausedForMs: snapshot.pausedForMs,
        waiting: queues.get(key)?.waiters.length ?? 0,
        limits: snapshot.limits,
        burstScale: snapshot.burstScale,
      };
    },
  };
}

/** A 429 the provider sent (not one of our own client-side refusals, and not `insufficient_quota`). */
function isProviderRateLimit(error: unknown): error is RateLimitError {
  return (
    isSwitchboardError(error) &&
    error.code === 'rate-limit' &&
    error.source !== 'resilience' &&
    (error as { kind?: unknown }).kind !== 'quota'
  );
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
