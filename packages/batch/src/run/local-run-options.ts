import type { BatchOptions, CallOptions, ModelCatalog } from '@switchboard/core';
import type {
  RateLimiter,
  RateLimiterOptions,
  ResiliencePolicy,
  RetryPolicy,
  RetryPolicyOptions,
} from '@switchboard/resilience';
import type { BatchProgress } from './progress.js';

/** Options of a local run: `runBatch` without `mode`, and the Batch API's local follow-up. */
export interface LocalRunOptions
  extends Pick<
    BatchOptions,
    | 'concurrency'
    | 'order'
    | 'checkpoint'
    | 'checkpointDurability'
    | 'replayCheckpoint'
    | 'rerunFailed'
    | 'maxHeldResults'
    | 'progressIntervalMs'
    | 'mode'
  > {
  /** Called with a progress snapshot at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: BatchProgress) => void;
  /** Stops the run: nothing new is sent, calls in flight are cancelled, the checkpoint is closed. */
  signal?: AbortSignal;
  /** Options for every provider call (timeouts, headers, metadata); the signal is the run's own. */
  callOptions?: Omit<CallOptions, 'signal'>;
  /** Catalog with the prices used for `costUsd`. Default: core's shared catalog. */
  catalog?: ModelCatalog;
  /**
   * The RPM/TPM limiter every call goes through: a shared `createRateLimiter(...)` (give it the tokenizer's
   * `estimateTokens` for exact token reservations) or its settings. Default: none.
   */
  rateLimiter?: RateLimiter | RateLimiterOptions | false;
  /** The retry policy: a shared `createRetryPolicy(...)`, its settings, or `false`. Default: core's retry defaults. */
  retry?: RetryPolicy | RetryPolicyOptions | false;
  /**
   * The rest of the `withResilience` policy (timeouts, circuit breaker, bulkhead, hooks), or `false` when the
   * provider is already wrapped. The circuit breaker is off unless given here.
   */
  resilience?: ResiliencePolicy | false;
}
