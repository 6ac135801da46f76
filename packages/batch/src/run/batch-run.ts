import type { BatchResult } from '../types/batch-result.js';
import type { BatchRun, BatchSummary } from './batch-run-types.js';
import type { BatchProgress } from './progress.js';

/** A `BatchRun` over a generator of results that reports its summary when it ends. */
export class GeneratorBatchRun<S extends BatchSummary> implements BatchRun<S> {
  summary: S | undefined;
  private started = false;

  constructor(
    private readonly start: (report: (summary: S) => void) => AsyncGenerator<BatchResult>,
    private readonly snapshot: () => BatchProgress,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<BatchResult> {
    if (this.started) throw new Error('A batch run can be iterated only once.');
    this.started = true;
    return this.start((summary) => {
      this.summary = summary;
    });
  }

  async collect(): Promise<{ results: BatchResult[]; summary: S }> {
    const results: BatchResult[] = [];
    for await (const result of this) results.push(result);
    return { results, summary: this.summary as S };
  }

  async drain(): Promise<S> {
    for await (const _ of this) {
      // Results are in the checkpoint or the caller's hands already; nothing to keep here.
    }
    return this.summary as S;
  }

  progress(): BatchProgress {
    return this.snapshot();
  }
}
