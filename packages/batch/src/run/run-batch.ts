import type { Provider } from '@switchboard/core';
import type { BatchInput } from '../types/batch-request.js';
import type { BatchResult } from '../types/batch-result.js';
import { localRun } from './local-run.js';
import { ProgressTracker } from './progress.js';
import type { BatchRun, BatchSummary, RunBatchOptions } from './run-options.js';

/**
 * Runs many requests against a provider as fast as its limits allow: bounded concurrency, results in input or
 * completion order, progress events, and with `checkpoint` a JSONL file that lets a rerun after a crash skip what
 * is done. Nothing starts until the run is iterated, collected or drained.
 *
 * ```ts
 * const run = runBatch(provider, requests, { concurrency: 32, checkpoint: 'run.ckpt.jsonl' });
 * for await (const result of run) console.log(result.customId, result.ok ? result.chat?.text : result.error.code);
 * ```
 */
export function runBatch(provider: Provider, requests: BatchInput, options: RunBatchOptions = {}): BatchRun {
  return new LocalBatchRun((observer) => localRun(provider, requests, options, observer));
}

class LocalBatchRun implements BatchRun {
  summary: BatchSummary | undefined;
  private readonly tracker = new ProgressTracker();
  private started = false;

  constructor(
    private readonly start: (observer: {
      tracker: ProgressTracker;
      onSummary(summary: BatchSummary): void;
    }) => AsyncGenerator<BatchResult>,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<BatchResult> {
    if (this.started) throw new Error('A batch run can be iterated only once.');
    this.started = true;
    return this.start({
      tracker: this.tracker,
      onSummary: (summary) => {
        this.summary = summary;
      },
    });
  }

  async collect(): Promise<{ results: BatchResult[]; summary: BatchSummary }> {
    const results: BatchResult[] = [];
    for await (const result of this) results.push(result);
    return { results, summary: this.summary as BatchSummary };
  }

  async drain(): Promise<BatchSummary> {
    for await (const _ of this) {
      // Results are in the checkpoint (when there is one); nothing to keep here.
    }
    return this.summary as BatchSummary;
  }

  progress() {
    return this.tracker.snapshot();
  }
}
