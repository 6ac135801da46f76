import type { Provider } from '@switchboard/core';
import type { BatchInput } from '../types/batch-request.js';
import { GeneratorBatchRun } from './batch-run.js';
import type { BatchRun } from './batch-run-types.js';
import { localRun } from './local-run.js';
import type { LocalRunOptions } from './local-run-options.js';
import { ProgressTracker } from './progress.js';

/**
 * A local run (what `runBatch` does without a `mode`): the engine behind a `BatchRun`. The Batch API code calls this
 * for its local follow-up directly, so it never depends on `runBatch` (which itself dispatches to the Batch API).
 */
export function runLocalBatch(provider: Provider, requests: BatchInput, options: LocalRunOptions = {}): BatchRun {
  const tracker = new ProgressTracker();
  return new GeneratorBatchRun(
    (report) => localRun(provider, requests, options, { tracker, onSummary: report }),
    () => tracker.snapshot(),
  );
}
