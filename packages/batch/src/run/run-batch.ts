import type { Provider } from '@switchboard/core';
import { runOptionsError } from '../options/check-run-options.js';
import { batchPlatform } from '../platform/batch-platform.js';
import type { BatchInput } from '../types/batch-request.js';
import { GeneratorBatchRun } from './batch-run.js';
import type { BatchRun } from './batch-run-types.js';
import { ProgressTracker } from './progress.js';
import { runLocalBatch } from './run-local-batch.js';
import type { RunBatchOptions } from './run-options.js';

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
 *
 * Bad options (unknown keys with a did-you-mean hint, bad values, in `plan`, `job` and `job.local` too) fail the run
 * with one ConfigError naming every problem, when it is first iterated, collected or drained.
 */
export function runBatch(provider: Provider, requests: BatchInput, options: RunBatchOptions = {}): BatchRun {
  const invalid = runOptionsError(options);
  if (invalid) return failedRun(invalid);
  if (options.mode === 'batch-api' || options.mode === 'auto') {
    let platform: ReturnType<typeof batchPlatform>;
    try {
      platform = batchPlatform(`mode '${options.mode}' (Batch API job files)`, 'mode');
    } catch (error) {
      return failedRun(error as Error);
    }
    return platform.runWithMode(provider, requests, { ...options, mode: options.mode });
  }
  return runLocalBatch(provider, requests, options);
}

function failedRun(error: Error): BatchRun {
  const tracker = new ProgressTracker();
  return new GeneratorBatchRun(
    // biome-ignore lint/correctness/useYield: the run fails before it yields anything
    async function* () {
      throw error;
    },
    () => tracker.snapshot(),
  );
}
