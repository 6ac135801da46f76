import type { BatchResult } from '../types/batch-result.js';

/** A snapshot of a batch's progress. */
export interface BatchProgress {
  /** Requests in the input, once known (at once for arrays, at the end of the input for streams). */
  total: number | undefined;
  /** Requests finished: succeeded, failed, and taken from the checkpoint. */
  done: number;
  /** Requests that succeeded in this run. */
  succeeded: number;
  /** Requests that failed for good in this run. */
  failed: number;
  /** Requests whose result was taken from the checkpoint of an earlier run. */
  fromCheckpoint: number;
  /** Requests sent and not yet finished. */
  inFlight: number;
  /** Input tokens used so far in this run. */
  inputTokens: number;
  /** Output tokens used so far in this run. */
  outputTokens: number;
  /** Cost so far in this run, in USD at catalog prices. */
  costUsd: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** Requests finished per second over the last few seconds. */
  requestsPerSecond: number;
  /** Estimated milliseconds left, when the total is known and the rate is not zero. */
  etaMs: number | undefined;
}

/** Seconds of history the rate is measured over. */
const RATE_WINDOW_SECONDS = 10;

/** Counts what a run has done and derives rates and an ETA from it. */
export class ProgressTracker {
  total: number | undefined;
  inFlight = 0;
  private succeeded = 0;
  private failed = 0;
  private fromCheckpoint = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd = 0;
  private readonly started: number;
  private readonly buckets = new Array<number>(RATE_WINDOW_SECONDS).fill(0);
  private bucketSecond: number;

  constructor(private readonly now: () => number = performance.now.bind(performance)) {
    this.started = now();
    this.bucketSecond = 0;
  }

  /** Counts a result; `fromCheckpoint` results do not count toward this run's rate, tokens or cost. */
  record(result: BatchResult): void {
    if (result.source === 'checkpoint') {
      this.fromCheckpoint += 1;
      return;
    }
    if (result.ok) this.succeeded += 1;
    else this.failed += 1;
    const usage = result.ok ? (result.chat?.usage ?? embeddingUsage(result)) : undefined;
    this.inputTokens += usage?.inputTokens ?? 0;
    this.outputTokens += usage?.outputTokens ?? 0;
    this.costUsd += result.costUsd;
    this.advance();
    this.buckets[this.bucketSecond % RATE_WINDOW_SECONDS] =
      (this.buckets[this.bucketSecond % RATE_WINDOW_SECONDS] ?? 0) + 1;
  }

  /** The current snapshot. */
  snapshot(): BatchProgress {
    this.advance();
    const elapsedMs = this.now() - this.started;
    const windowSeconds = Math.min(RATE_WINDOW_SECONDS, Math.max(elapsedMs / 1000, 0.001));
    const recent = this.buckets.reduce((sum, count) => sum + count, 0);
    const requestsPerSecond = recent / windowSeconds;
    const done = this.succeeded + this.failed + this.fromCheckpoint;
    const remaining = this.total === undefined ? undefined : Math.max(0, this.total - done);
    let etaMs: number | undefined;
    if (remaining === 0) etaMs = 0;
    else if (remaining !== undefined && requestsPerSecond > 0) etaMs = (remaining / requestsPerSecond) * 1000;
    return {
      total: this.total,
      done,
      succeeded: this.succeeded,
      failed: this.failed,
      fromCheckpoint: this.fromCheckpoint,
      inFlight: this.inFlight,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: this.costUsd,
      elapsedMs,
      requestsPerSecond,
      etaMs,
    };
  }

  /** Moves the per-second buckets forward to the current second, clearing the ones that fell out of the window. */
  private advance(): void {
    const second = Math.floor((this.now() - this.started) / 1000);
    const steps = Math.min(second - this.bucketSecond, RATE_WINDOW_SECONDS);
    for (let i = 1; i <= steps; i += 1) this.buckets[(this.bucketSecond + i) % RATE_WINDOW_SECONDS] = 0;
    this.bucketSecond = second;
  }
}

function embeddingUsage(result: BatchResult): { inputTokens: number; outputTokens: number } | undefined {
  if (!result.ok || !result.embedding) return undefined;
  return { inputTokens: result.embedding.usage.inputTokens, outputTokens: 0 };
}
