import type { Provider } from '@switchboard/core';
import { runWithMode } from '../auto/run-with-mode.js';
import type { BatchInput } from '../types/batch-request.js';
import { GeneratorBatchRun } from './batch-run.js';
import { localRun } from './local-run.js';
import { ProgressTracker } from './progress.js';
import type { BatchRun, RunBatchOptions } from './run-options.js';

/**
 * Runs many requests against a provider as fast as its limits allow: bounded concurrency through a shared rate
 * limiter and retry policy, results in input or completion order, progress events, and with `checkpoint` a JSONL
 * file that lets a rerun after a crash skip what is done. Nothing starts until the run is iterated, collected or
 * drained. `mode: 'batch-api'` sends the batch through the provider's Batch API instead, and `mode: 'auto'` does
 * what `planBatch` recommends.
 *
 * ```ts
 * const run = runBatch(provider, requests, { concurrency: 32, checkpoint: 'run.ckpt.jsonl' });
 * for await (const result of run) console.log(result.customId, result.ok ? result.chat?.text : result.error.code);
 * ```
 */
export function runBatch(provider: Provider, requests: BatchInput, options: RunBatchOptions = {}): BatchRun {
  if (options.mode === 'batch-api' || options.mode === 'auto') {
    return runWithMode(provider, requests, { ...options, mode: options.mode }, runBatch);
  }
  const tracker = new ProgressTracker();
  return new GeneratorBatchRun(
    (report) => localRun(provider, requests, options, { tracker, onSummary: report }),
    () => tracker.snapshot(),
  );
}
