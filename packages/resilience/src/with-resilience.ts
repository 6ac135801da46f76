import {
  type CallContext,
  type CallOptions,
  combineHooks,
  type Hooks,
  type Logger,
  type Provider,
  wrapProvider,
} from '@switchboard/core';
import { type Bulkhead, type BulkheadOptions, createBulkhead } from './bulkhead/bulkhead.js';
import {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  createCircuitBreaker,
} from './circuit-breaker/circuit-breaker.js';
import { ConfigCollector } from './config/config-collector.js';
import { KNOWN_OPTIONS } from './config/known-options.js';
import { breakerGate, bulkheadGate, type Gate, limiterGate } from './pipeline/gate.js';
import { runAttempt } from './pipeline/run-attempt.js';
import { runStream } from './pipeline/run-stream.js';
import { rateLimitKey } from './rate-limiter/rate-limit-key.js';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter/rate-limiter.js';
import { createRetryPolicy, type RetryPolicy, type RetryPolicyOptions } from './retry/retry-policy.js';
import { abortReason } from './shared/abort.js';
import { checkTimeoutOptions, type TimeoutOptions } from './timeouts/timeout-options.js';
import { startTotalTimeout } from './timeouts/total-timeout.js';

/**
 * What `withResilience` adds. Each part takes its settings or a shared instance (a limiter or breaker shared between
 * wrappers shares its buckets or circuits, and reports to the hooks it was created with); `false` turns it off.
 */
export interface ResiliencePolicy {
  /** Retries. Default: on, with core's retry defaults (4 attempts, 500 ms base, 60 s cap, 20% budget). */
  retry?: RetryPolicyOptions | RetryPolicy | false;
  /** Circuit breaker per key. Default: on (5 consecutive failures, half-open after 30 s). */
  circuitBreaker?: CircuitBreakerOptions | CircuitBreaker | false;
  /** RPM/TPM limiter. Default: off. */
  rateLimiter?: RateLimiterOptions | RateLimiter | false;
  /** Cap on concurrent calls. Default: off. */
  bulkhead?: BulkheadOptions | Bulkhead | false;
  /** Total, headers, first-token and idle timeouts. Default: none. */
  timeouts?: TimeoutOptions;
  /** Receives `onRetry`, `onRetryBudgetExhausted`, `onRateLimitWait` and `onCircuitStateChange`. */
  hooks?: Hooks | Hooks[];
  /** Receives warnings from hooks that throw. */
  logger?: Logger;
  /** The breaker and limiter key of a call. Default: `provider:model` (the Azure provider's model is the deployment). */
  key?: (call: { provider: string; model: string | undefined; operation: CallContext['operation'] }) => string;
}

/**
 * The order in which the layers wrap a call, outermost first. `fallback` is applied by `fallback()` around providers
 * that are themselves wrapped by `withResilience`.
 */
export const COMPOSITION_ORDER = [
  'fallback',
  'total-timeout',
  'retry',
  'circuit-breaker',
  'rate-limiter',
  'bulkhead',
  'call',
] as const;

/**
 * Returns a provider that runs every call of `provider` through, outermost first: the total timeout, retries
 * (Retry-After-aware, jittered, budgeted; streams only until their first output), the circuit breaker, the rate
 * limiter and the bulkhead, with the headers/first-token/idle timeouts on each attempt. `checkConnection`,
 * `realtime` and `batches` pass through untouched.
 */
export function withResilience(provider: Provider, policy: ResiliencePolicy = {}): Provider {
  const timeouts = policy.timeouts ?? {};
  // Every problem of every part is named in one ConfigError, unknown keys included.
  const collector = new ConfigCollector().unknownKeys('', policy, KNOWN_OPTIONS.policy);
  collector.unknownKeys('timeouts', timeouts, KNOWN_OPTIONS.timeouts);
  collector.run(() => checkTimeoutOptions(timeouts));
  const hooks = toArray(policy.hooks);
  const emit = combineHooks(hooks, policy.logger);
  const retry = isRetryPolicy(policy.retry)
    ? policy.retry
    : policy.retry === false
      ? undefined
      : collector.run(() => createRetryPolicy(policy.retry as RetryPolicyOptions | undefined));
  const breakerOption = policy.circuitBreaker;
  const breaker = isCircuitBreaker(breakerOption)
    ? breakerOption
    : breakerOption === false
      ? undefined
      : collector.run(() =>
          createCircuitBreaker({
            ...breakerOption,
            hooks: [...hooks, ...toArray(breakerOption?.hooks)],
            ...(policy.logger ? { logger: policy.logger } : {}),
          }),
        );
  const limiterOption = policy.rateLimiter;
  const limiter = isRateLimiter(limiterOption)
    ? limiterOption
    : limiterOption
      ? collector.run(() => createRateLimiter(limiterOption))
      : undefined;
  const bulkheadOption = policy.bulkhead;
  const bulkhead = isBulkhead(bulkheadOption)
    ? bulkheadOption
    : bulkheadOption
      ? collector.run(() => createBulkhead(bulkheadOption))
      : undefined;
  collector.done();
  const gates: Gate[] = [];
  if (breaker) gates.push(breakerGate(breaker));
  if (limiter) gates.push(limiterGate(limiter, (event) => emit.onRateLimitWait(event)));
  if (bulkhead) gates.push(bulkheadGate(bulkhead));
  const keyOf = policy.key ?? ((call) => rateLimitKey(call.provider, call.model));
  const name = provider.name;

  const withHeadersTimeout = <O extends CallOptions>(options: O): O =>
    timeouts.headersMs !== undefined && options.timeoutMs === undefined
      ? { ...options, timeoutMs: timeouts.headersMs }
      : options;

  return wrapProvider(provider, {
    async wrapCall(next, context, options) {
      if (context.operation === 'checkConnection') return next(options);
      const attempt = {
        key: keyOf({ provider: name, model: context.model, operation: context.operation }),
        request: context.request,
      };
      const callOptions = withHeadersTimeout(options);
      const deadline = startTotalTimeout(timeouts.totalMs, options.signal, name);
      const once = (_attempt: number, signal: AbortSignal | undefined) =>
        runAttempt(gates, attempt, signal, () => next({ ...callOptions, signal }), name);
      try {
        if (!retry) return await once(1, deadline.signal);
        return await retry.execute(once, {
          signal: deadline.signal,
          provider: name,
          onRetry: (info) =>
            emit.onRetry({
              provider: name,
              model: context.model,
              operation: context.operation,
              ...(options.metadata ? { metadata: options.metadata } : {}),
              ...info,
            }),
          onBudgetExhausted: (event) =>
            emit.onRetryBudgetExhausted({
              provider: name,
              model: context.model,
              operation: context.operation,
              ...(options.metadata ? { metadata: options.metadata } : {}),
              ...event,
            }),
        });
      } catch (error) {
        throw deadline.signal?.aborted ? abortReason(deadline.signal, name) : error;
      } finally {
        deadline.dispose();
      }
    },

    wrapStream(next, context, options) {
      return runStream(
        {
          gates,
          retry,
          totalMs: timeouts.totalMs,
          timeouts: {
            ...(timeouts.firstTokenMs === undefined ? {} : { firstTokenMs: timeouts.firstTokenMs }),
            ...(timeouts.idleMs === undefined ? {} : { idleMs: timeouts.idleMs }),
            ...(timeouts.keepAliveResetsIdle === undefined
              ? {}
              : { keepAliveResetsIdle: timeouts.keepAliveResetsIdle }),
          },
          attempt: {
            key: keyOf({ provider: name, model: context.model, operation: 'streamChat' }),
            request: context.request,
          },
          context,
          onRetry: (event) =>
            emit.onRetry({
              provider: name,
              model: context.model,
              operation: 'streamChat',
              ...(options.metadata ? { metadata: options.metadata } : {}),
              ...event,
            }),
          onBudgetExhausted: (event) =>
            emit.onRetryBudgetExhausted({
              provider: name,
              model: context.model,
              operation: 'streamChat',
              ...(options.metadata ? { metadata: options.metadata } : {}),
              ...event,
            }),
        },
        withHeadersTimeout(options),
        next,
      );
    },
  });
}

function toArray(hooks: Hooks | Hooks[] | undefined): Hooks[] {
  if (!hooks) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

function isRetryPolicy(value: ResiliencePolicy['retry']): value is RetryPolicy {
  return typeof value === 'object' && typeof (value as RetryPolicy).session === 'function';
}

function isCircuitBreaker(value: ResiliencePolicy['circuitBreaker']): value is CircuitBreaker {
  return typeof value === 'object' && typeof (value as CircuitBreaker).enter === 'function';
}

function isRateLimiter(value: ResiliencePolicy['rateLimiter']): value is RateLimiter {
  return typeof value === 'object' && typeof (value as RateLimiter).acquire === 'function';
}

function isBulkhead(value: ResiliencePolicy['bulkhead']): value is Bulkhead {
  return typeof value === 'object' && typeof (value as Bulkhead).acquire === 'function';
}
