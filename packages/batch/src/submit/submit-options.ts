import type { ModelCatalog } from '@switchboard/core';
import type { RetryPolicy, RetryPolicyOptions } from '@switchboard/resilience';
import type { BatchSummary } from '../run/batch-run-types.js';
import type { LocalRunOptions } from '../run/local-run-options.js';
import type { BatchProgress } from '../run/progress.js';
import type { BatchInput } from '../types/batch-request.js';

/** What to do with requests that a Batch API job did not answer but that may succeed when tried again. */
export type FollowUp =
  /** Report them as failures. */
  | 'report'
  /** Submit them again as a new round of batches (up to `maxResubmits` rounds). */
  | 'resubmit'
  /** Run them locally through `runBatch`. */
  | 'local';

/** Options of `submitBatchJob` and `resumeBatchJob`. */
export interface SubmitBatchJobOptions {
  /** The job's id; give your own to make submission idempotent (a rerun reuses batches already created). */
  jobId?: string;
  /** Where the job's input files and manifest live, one folder per job. Default: `<os tmpdir>/switchboard-batch`. */
  workDir?: string;
  /** Keep the job folder after the results have been read to the end. Default false. */
  keepFiles?: boolean;
  /** Metadata put on every provider batch (at most 12 pairs: Switchboard uses 4 of the 16 allowed). */
  metadata?: Record<string, string>;
  /** First wait between status polls, in milliseconds; it grows by half each poll. Default 5000. */
  pollIntervalMs?: number;
  /** Longest wait between status polls, in milliseconds. Default 60000. */
  maxPollIntervalMs?: number;
  /** Requests per provider batch (at most 50,000). */
  maxRequestsPerJob?: number;
  /** Bytes per input file (at most 200 MB). */
  maxBytesPerJob?: number;
  /** Retry policy for uploads, creation, polls and downloads (a shared one, its settings, or `false`). */
  retry?: RetryPolicy | RetryPolicyOptions | false;
  /** Requests that expired, vanished or failed retryably: report, resubmit, or run locally. Default `report`. */
  onFailed?: FollowUp;
  /** Resubmission rounds at most, with `onFailed: 'resubmit'`. Default 1. */
  maxResubmits?: number;
  /** Options of the local run, with `onFailed: 'local'`. */
  local?: LocalRunOptions;
  /** Progress while waiting (from the batches' request counts) and while reading results. */
  onProgress?: (progress: BatchProgress) => void;
  /** Stops submitting, waiting or reading; batches already created keep running (resume them by id). */
  signal?: AbortSignal;
  /** Catalog with the prices used for `costUsd` (at the Batch API discount). */
  catalog?: ModelCatalog;
}

/** Options of `resumeBatchJob`. */
export interface ResumeBatchJobOptions extends Omit<SubmitBatchJobOptions, 'jobId'> {
  /**
   * The job's input again, when its folder is gone: parts not yet created are then created, ids without results
   * are reported as missing, and failures can be resubmitted or run locally.
   */
  requests?: BatchInput;
}

/** How a Batch API job ended. */
export interface BatchJobSummary extends BatchSummary {
  /** The job id. */
  jobId: string;
  /** Every provider batch of the job, resubmissions included. */
  batchIds: string[];
  /** Requests that expired unanswered (and were not answered by a follow-up). */
  expiredIds: string[];
  /** Requests left unanswered because a batch was cancelled. */
  cancelledIds: string[];
  /** Requests submitted again in a later round. */
  resubmitted: number;
  /** Requests run locally after the Batch API did not answer them. */
  ranLocally: number;
}
