import type { BatchPlan } from '../plan/plan-batch.js';
import type { BatchResult } from '../types/batch-result.js';
import type { BatchProgress } from './progress.js';

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
