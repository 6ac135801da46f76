import type { BatchOptions, CallOptions, ModelCatalog } from '@switchboard/core';
import type {
  RateLimiter,
  RateLimiterOptions,
  ResiliencePolicy,
  RetryPolicy,
  RetryPolicyOptions,
} from '@switchboard/resilience';
import type { BatchPlan, PlanBatchOptions } from '../plan/plan-batch.js';
import type { SubmitBatchJobOptions } from '../submit/submit-options.js';
import type { BatchResult } from '../types/batch-result.js';
import type { BatchProgress } from './progress.js';

/** Options of `runBatch`. */
export interface RunBatchOptions
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
  /** With `mode: 'auto'`: how to plan (model, deadline, rate limits, token estimator...). */
  plan?: PlanBatchOptions;
  /** With `mode: 'batch-api'` or `'auto'`: options of the Batch API job. */
  job?: SubmitBatchJobOptions;
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

/** How a run ended. */
export interface BatchSummary extends BatchProgress {
  /** How the batch ran (runs with `mode: 'batch-api'` or `'auto'`). */
  mode?: 'local' | 'batch-api';
  /** The plan `mode: 'auto'` followed. */
  plan?: BatchPlan;
  /** Requests in the input. */
  total: number;
  /** The `customId`s that failed for good in this run. */
  failedIds: string[];
  /** True when the run was stopped before the end (abort, or the consumer stopped reading). */
  stopped: boolean;
}

/** A running batch: iterate it for the results, or collect/drain it. Iterable once. */
export interface BatchRun<S extends BatchSummary = BatchSummary> extends AsyncIterable<BatchResult> {
  /** Runs to the end and returns every result with the summary. */
  collect(): Promise<{ results: BatchResult[]; summary: S }>;
  /** Runs to the end without keeping results (they are in the checkpoint) and returns the summary. */
  drain(): Promise<S>;
  /** The progress right now. */
  progress(): BatchProgress;
  /** The summary, once the run has ended. */
  readonly summary: S | undefined;
}
