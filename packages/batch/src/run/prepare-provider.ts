import { type Provider, wrapProvider } from '@switchboard/core';
import { withResilience } from '@switchboard/resilience';
import type { LocalRunOptions } from './local-run-options.js';

/** The metadata key under which a call's attempt counter travels through the middleware chain. */
export const ATTEMPTS_METADATA_KEY = 'switchboardBatchAttempts';

/** Attempts of one call, counted below the retry policy. */
export interface AttemptCounter {
  /** HTTP attempts made so far. */
  attempts: number;
}

/**
 * The provider a run calls: the given one with an attempt counter under the retry policy, wrapped by
 * `withResilience` with the run's shared rate limiter and retry policy. The circuit breaker is off unless asked for:
 * in a batch it would turn an outage into a burst of non-retryable failures instead of waits.
 */
export function prepareProvider(provider: Provider, options: LocalRunOptions): Provider {
  const counted = wrapProvider(provider, {
    wrapCall(next, _context, callOptions) {
      const counter = callOptions.metadata?.[ATTEMPTS_METADATA_KEY] as AttemptCounter | undefined;
      if (counter) counter.attempts += 1;
      return next(callOptions);
    },
  });
  if (options.resilience === false) return counted;
  const policy = options.resilience ?? {};
  return withResilience(counted, {
    circuitBreaker: false,
    ...policy,
    retry: options.retry ?? policy.retry,
    rateLimiter: options.rateLimiter ?? policy.rateLimiter,
  });
}
