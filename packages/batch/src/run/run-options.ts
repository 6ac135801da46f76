import type { PlanBatchOptions } from '../plan/plan-batch.js';
import type { SubmitBatchJobOptions } from '../submit/submit-options.js';
import type { LocalRunOptions } from './local-run-options.js';

/** Options of `runBatch`. */
export interface RunBatchOptions extends LocalRunOptions {
  /** With `mode: 'auto'`: how to plan (model, deadline, rate limits, token estimator...). */
  plan?: PlanBatchOptions;
  /** With `mode: 'batch-api'` or `'auto'`: options of the Batch API job. */
  job?: SubmitBatchJobOptions;
}
