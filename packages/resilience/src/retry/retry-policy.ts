import {
  parseConfig,
  type RetryOptions,
  retryOptionsSchema,
  type SwitchboardError,
  toSwitchboardError,
} from '@switchboard/core';
import { ConfigCollector, knownOnly } from '../config/config-collector.js';
import { KNOWN_OPTIONS } from '../config/known-options.js';
import { abortReason, throwIfAborted } from '../shared/abort.js';
import { OptionChecks } from '../shared/option-checks.js';
import { sleep } from '../shared/sleep.js';
import { fullJitterBackoff } from './backoff.js';
import { isRetryable } from './is-retryable.js';
import { RetryBudget } from './retry-budget.js';

/** Settings of `createRetryPolicy`: core's `RetryOptions` plus injectable randomness and clock (for tests). */
export interface RetryPolicyOptions extends RetryOptions {
  /** Source of jitter in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
  /** Told when the retry budget refuses a retry (the error is thrown with `retryBudgetExhausted: true`). */
  onBudgetExhausted?: (event: RetryBudgetExhaustedEvent) => void;
  /** The clock of the retry budget, in milliseconds. Defaults to `Date.now`. */
  now?: () => number;
}

/** The retry budget refused a retry: the call ends with `error`. */
export interface RetryBudgetExhaustedEvent {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** The error the call ends with (marked `retryBudgetExhausted: true`). */
  error: SwitchboardError;
}

/** The default capacity of the retry budget (the AWS SDKs' 500 at 5 per retry). Core's schema default is 10. */
export const DEFAULT_RETRY_BUDGET_CAPACITY = 100;

/** The verdict on a failed attempt. */
export type RetryDecision =
  | {
      /** Try again. */
      retry: true;
      /** How long to wait first. */
      delayMs: number;
      /** Why, in words: the error and what set the wait. */
      reason: string;
    }
  | {
      /** Give up and surface the error. */
      retry: false;
      /** Why not. */
      reason: string;
      /** The retry budget refused (otherwise the error would have been retried). */
      budgetExhausted?: true;
    };

/** What `onRetry` learns about a failed attempt that will be retried. */
export interface RetryAttemptInfo {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** How long until the next attempt. */
  delayMs: number;
  /** Why: the error code and status, and whether a Retry-After or the backoff set the wait. */
  reason: string;
  /** The error of the failed attempt. */
  error: SwitchboardError;
}

/** Options of one `execute` call. */
export interface RetryExecuteOptions {
  /** Cancels the call: a wait in progress rejects at once and no further attempt is made. */
  signal?: AbortSignal;
  /** The provider name, put on errors made here. */
  provider?: string;
  /** Called before each wait. */
  onRetry?: (info: RetryAttemptInfo) => void;
  /** Called when the retry budget refuses a retry of this call (after the policy's own `onBudgetExhausted`). */
  onBudgetExhausted?: (event: RetryBudgetExhaustedEvent) => void;
}

/** Per-call callbacks of a `RetrySession`. */
export interface RetrySessionOptions {
  /** Called when the retry budget refuses a retry of this call (after the policy's own `onBudgetExhausted`). */
  onBudgetExhausted?: (event: RetryBudgetExhaustedEvent) => void;
}

/** The attempts of one logical call, for loops that drive themselves (streams). */
export interface RetrySession {
  /** The attempt under way (1 = the first). */
  readonly attempt: number;
  /** The current attempt succeeded: the retry budget wins a little back. */
  succeed(): void;
  /** Decides on the failure of the current attempt; a `retry: true` verdict moves on to the next attempt. */
  decide(error: SwitchboardError): RetryDecision;
}

/** A Retry-After-aware retry policy with full jitter, a cap and a retry budget; share one to share its budget. */
export interface RetryPolicy {
  /** The settings in force, defaults filled in. */
  readonly settings: Readonly<Required<RetryOptions>>;
  /** Runs `fn` until it succeeds, fails for good, or the signal aborts. */
  execute<T>(
    fn: (attempt: number, signal: AbortSignal | undefined) => Promise<T>,
    options?: RetryExecuteOptions,
  ): Promise<T>;
  /** Starts a call whose loop the caller runs itself; counts its first attempt towards the budget. */
  session(options?: RetrySessionOptions): RetrySession;
}

/**
 * Creates a retry policy: 408/409/429/5xx/network/timeout errors are retried (the provider's `x-should-retry` wins
 * when sent); the wait is `max(full-jitter backoff, Retry-After)`; a Retry-After beyond `maxDelayMs` fails at once;
 * the budget refuses retries once they outrun `budgetRatio` of the calls.
 */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const { random = Math.random, now, onBudgetExhausted, ...numeric } = options;
  const collector = new ConfigCollector().unknownKeys('retry', options, KNOWN_OPTIONS.retry);
  collector.run(() =>
    new OptionChecks('retry').fn('random', random).fn('now', now).fn('onBudgetExhausted', onBudgetExhausted).done(),
  );
  const parsed = collector.run(() =>
    parseConfig(
      retryOptionsSchema,
      { ...knownOnly(numeric, KNOWN_OPTIONS.retry), budgetBurst: numeric.budgetBurst ?? DEFAULT_RETRY_BUDGET_CAPACITY },
      { prefix: 'retry' },
    ),
  );
  collector.done();
  const settings = parsed as Required<RetryOptions>;
  const budget = new RetryBudget({
    capacity: settings.budgetBurst,
    refundPerSuccess: settings.budgetRatio,
    minPerSecond: settings.budgetMinPerSecond,
    ...(now ? { now } : {}),
  });

  const session = (options: RetrySessionOptions = {}): RetrySession => {
    let attempt = 1;
    let done = false;
    return {
      get attempt() {
        return attempt;
      },
      succeed() {
        if (done) return;
        done = true;
        budget.refund();
      },
      decide(error) {
        const decision = decide(error, attempt);
        if (decision.retry) attempt += 1;
        else if (decision.budgetExhausted && !done) {
          done = true;
          markBudgetExhausted(error);
          onBudgetExhausted?.({ attempt, error });
          options.onBudgetExhausted?.({ attempt, error });
        }
        return decision;
      },
    };
  };

  const decide = (error: SwitchboardError, attempt: number): RetryDecision => {
    if (!isRetryable(error)) return { retry: false, reason: `${describe(error)} is not retryable` };
    if (attempt >= settings.maxAttempts) return { retry: false, reason: `all ${settings.maxAttempts} attempts failed` };
    const retryAfter = error.retryAfterMs;
    if (retryAfter !== undefined && retryAfter > settings.maxDelayMs) {
      return {
        retry: false,
        reason: `Retry-After of ${retryAfter} ms is beyond the ${settings.maxDelayMs} ms cap`,
      };
    }
    const backoff = fullJitterBackoff(attempt, settings.baseDelayMs, settings.maxDelayMs, random);
    if (!budget.tryWithdraw()) return { retry: false, reason: 'the retry budget is spent', budgetExhausted: true };
    if (retryAfter !== undefined && retryAfter >= backoff) {
      return { retry: true, delayMs: retryAfter, reason: `${describe(error)}, waiting its Retry-After` };
    }
    return { retry: true, delayMs: backoff, reason: `${describe(error)}, backing off` };
  };

  return {
    settings,
    session,
    async execute(fn, { signal, provider, onRetry, onBudgetExhausted: onCallBudgetExhausted } = {}) {
      const run = session(onCallBudgetExhausted ? { onBudgetExhausted: onCallBudgetExhausted } : {});
      for (;;) {
        throwIfAborted(signal, provider);
        try {
          const result = await fn(run.attempt, signal);
          run.succeed();
          return result;
        } catch (thrown) {
          if (signal?.aborted) throw abortReason(signal, provider);
          const error = toSwitchboardError(thrown, provider);
          const failedAttempt = run.attempt;
          const decision = run.decide(error);
          if (!decision.retry) throw error;
          onRetry?.({ attempt: failedAttempt, delayMs: decision.delayMs, reason: decision.reason, error });
          await sleep(decision.delayMs, signal, provider);
        }
      }
    },
  };
}

function describe(error: SwitchboardError): string {
  return error.status === undefined ? error.code : `${error.code} (HTTP ${error.status})`;
}

/**
 * Marks an error the retry budget kept from being retried: `retryBudgetExhausted: true` (also in `toJSON()`) and a
 * sentence in the message, so a failure during a retry storm is told apart from one that used all its attempts.
 */
function markBudgetExhausted(error: SwitchboardError): void {
  const marked = error as SwitchboardError & { retryBudgetExhausted?: boolean };
  if (marked.retryBudgetExhausted) return;
  marked.retryBudgetExhausted = true;
  marked.message = `${error.message} (not retried: the retry budget is spent)`;
  const toJSON = error.toJSON.bind(error);
  Object.defineProperty(error, 'toJSON', {
    value: () => ({ ...toJSON(), retryBudgetExhausted: true }),
    enumerable: false,
    configurable: true,
  });
}
