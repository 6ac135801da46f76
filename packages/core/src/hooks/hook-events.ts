import type { SwitchboardError } from '../errors/switchboard-error.js';
import type { Usage } from '../types/usage.js';

/** The operation a hook event is about. */
export type HookOperation = 'chat' | 'streamChat' | 'embed' | 'generateImage' | 'checkConnection';

/** Fields every call event carries. */
export interface CallEventBase {
  /** The provider name. */
  provider: string;
  /** The logical model. */
  model: string | undefined;
  /** The operation. */
  operation: HookOperation;
  /** The caller's metadata from `CallOptions`. */
  metadata?: Record<string, unknown>;
}

/** A call is about to be sent. */
export interface RequestEvent extends CallEventBase {
  /** When the call started (epoch ms). */
  startedAt: number;
}

/** A call succeeded. */
export interface ResponseEvent extends CallEventBase {
  /** Wall time of the call. */
  latencyMs: number;
  /** Token usage, when reported. */
  usage?: Usage;
  /** Estimated cost in USD from the catalog's prices, when the model has a price. */
  costUsd?: number;
  /** The provider's request id. */
  requestId?: string;
}

/** A call failed (after any retries inside it). */
export interface ErrorEvent extends CallEventBase {
  /** Wall time until the failure. */
  latencyMs: number;
  /** The typed error. */
  error: SwitchboardError;
}

/** A failed attempt will be retried. */
export interface RetryEvent extends CallEventBase {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** How long until the next attempt. */
  delayMs: number;
  /** Why: the error code and, for rate limits, whether a Retry-After set the wait. */
  reason: string;
  /** The error of the failed attempt. */
  error: SwitchboardError;
}

/** The retry budget refused to retry a failed attempt: the call ends with `error`. */
export interface RetryBudgetEvent extends CallEventBase {
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** The error the call ends with, marked `retryBudgetExhausted: true`. */
  error: SwitchboardError;
}

/** A call waits for rate-limit capacity. */
export interface RateLimitWaitEvent {
  /** The limiter key (provider + model or deployment). */
  key: string;
  /** How long it waits. */
  waitMs: number;
  /** `requests`, `tokens`, or `paused` after a 429. */
  reason: 'requests' | 'tokens' | 'paused';
}

/** A circuit breaker changed state. */
export interface CircuitStateChangeEvent {
  /** The breaker key (provider + model or deployment). */
  key: string;
  /** The previous state. */
  from: 'closed' | 'open' | 'half-open';
  /** The new state. */
  to: 'closed' | 'open' | 'half-open';
  /** The error that opened it, when it opened. */
  error?: SwitchboardError;
}

/** Callbacks for everything that happens to calls; each is optional and a throwing hook never breaks a call. */
export interface Hooks {
  /** A call is about to be sent. */
  onRequest?(event: RequestEvent): void;
  /** A call succeeded. */
  onResponse?(event: ResponseEvent): void;
  /** A call failed. */
  onError?(event: ErrorEvent): void;
  /** A failed attempt will be retried. */
  onRetry?(event: RetryEvent): void;
  /** The retry budget refused a retry (many calls are failing at once); the call fails with the attempt's error. */
  onRetryBudgetExhausted?(event: RetryBudgetEvent): void;
  /** A call waits for rate-limit capacity. */
  onRateLimitWait?(event: RateLimitWaitEvent): void;
  /** A circuit breaker changed state. */
  onCircuitStateChange?(event: CircuitStateChangeEvent): void;
}
