import { trace } from '@opentelemetry/api';
import type { Hooks } from '@switchboard/core';
import { genAiProviderName } from './attributes/provider-name.js';
import { GEN_AI, GENERAL } from './attributes/semconv.js';
import type { Instruments } from './metrics/instruments.js';
import { errorType } from './spans/error-type.js';

/** What `onFallbackAttempt` hears (the shape of `@switchboard/resilience`'s `FallbackAttemptEvent`). */
export interface FallbackAttempt {
  index: number;
  provider: string;
  model: string | undefined;
  ok: boolean;
  error?: unknown;
  fallingBack: boolean;
  latencyMs: number;
}

/**
 * Hook handlers that turn what the resilience layers report into span events on the active span (each retry
 * attempt, rate-limit wait and breaker transition lands on the operation span it happened in) and into metrics.
 */
export function createTelemetryHooks(instruments: () => Instruments): Required<
  Pick<Hooks, 'onRetry' | 'onRetryBudgetExhausted' | 'onRateLimitWait' | 'onCircuitStateChange'>
> & {
  onFallbackAttempt(event: FallbackAttempt): void;
} {
  return {
    onRetry(event) {
      const type = errorType(event.error);
      trace.getActiveSpan()?.addEvent('switchboard.retry', {
        'switchboard.retry.attempt': event.attempt,
        'switchboard.retry.delay_ms': event.delayMs,
        'switchboard.retry.reason': event.reason,
        [GENERAL.errorType]: type,
      });
      const attributes = {
        [GEN_AI.providerName]: genAiProviderName(event.provider),
        ...(event.model ? { [GEN_AI.requestModel]: event.model } : {}),
        [GENERAL.errorType]: type,
      };
      instruments().retries.add(1, attributes);
      if (type === 'rate-limit') instruments().rateLimited.add(1, attributes);
    },
    onRetryBudgetExhausted(event) {
      trace.getActiveSpan()?.addEvent('switchboard.retry.budget_exhausted', {
        'switchboard.retry.attempt': event.attempt,
        [GENERAL.errorType]: errorType(event.error),
      });
    },
    onRateLimitWait(event) {
      trace.getActiveSpan()?.addEvent('switchboard.rate_limit.wait', {
        'switchboard.rate_limit.key': event.key,
        'switchboard.rate_limit.wait_ms': event.waitMs,
        'switchboard.rate_limit.reason': event.reason,
      });
      instruments().rateLimitWait.record(event.waitMs / 1000, { 'switchboard.rate_limit.reason': event.reason });
    },
    onCircuitStateChange(event) {
      trace.getActiveSpan()?.addEvent('switchboard.circuit.state_change', {
        'switchboard.circuit.key': event.key,
        'switchboard.circuit.from': event.from,
        'switchboard.circuit.to': event.to,
        ...(event.error ? { [GENERAL.errorType]: errorType(event.error) } : {}),
      });
    },
    onFallbackAttempt(event) {
      trace.getActiveSpan()?.addEvent('switchboard.fallback.attempt', {
        'switchboard.fallback.index': event.index,
        [GEN_AI.providerName]: genAiProviderName(event.provider),
        ...(event.model ? { [GEN_AI.requestModel]: event.model } : {}),
        'switchboard.fallback.ok': event.ok,
        'switchboard.fallback.falling_back': event.fallingBack,
        'switchboard.fallback.latency_ms': event.latencyMs,
        ...(event.error ? { [GENERAL.errorType]: errorType(event.error) } : {}),
      });
    },
  };
}
