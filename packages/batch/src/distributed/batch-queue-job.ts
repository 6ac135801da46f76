import type { Redis } from 'ioredis';
import { parseResultRecord } from '../checkpoint/result-record.js';
import type { BatchResult } from '../types/batch-result.js';
import type { JobKeys } from './queue-keys.js';

/** Where a distributed job stands. */
export interface DistributedBatchProgress {
  /** Requests enqueued. */
  total: number;
  /** Requests with a recorded result (each counted once). */
  done: number;
  /** Of those, answered. */
  succeeded: number;
  /** Of those, failed with a typed error. */
  failed: number;
  /** Of those, skipped because the job was cancelled. */
  cancelled: number;
  /** Requests that ran twice (their worker died after sending them); the second result was dropped. */
  duplicates: number;
  /** Requests handed to another worker after theirs stopped answering; each may have reached the provider twice. */
  redelivered: number;
  /** The cost of the recorded results at catalog prices. */
  costUsd: number;
  /** Results recorded per second since the first one. */
  ratePerSecond: number;
  /** About how long until every request has a result, in ms (undefined before the rate is known). */
  etaMs: number | undefined;
  /** Whether `cancel()` was called. */
  cancelRequested: boolean;
}

/** Options of `results()`. */
export interface ResultsOptions {
  /**
   * A reader name: the position of the last result this reader consumed is kept in Redis, so a reader that restarts
   * with the same name goes on after it. Without one, reading starts at the first result.
   */
  reader?: string;
  /** Stops reading (the iterator ends). */
  signal?: AbortSignal;
  /** How long one wait for new results may block Redis, in ms. Default 1,000. */
  blockMs?: number;
}

/**
 * A distributed batch job: its progress, its results (each customId exactly once, as `runBatch` returns them) and
 * cancellation. Any process can open one by id.
 */
export class BatchQueueJob {
  readonly #redis: Redis;
  readonly #keys: JobKeys;
  /** The job's id. */
  readonly id: string;

  /** @internal Use `enqueueBatch` or `openBatchJob`. */
  constructor(redis: Redis, keys: JobKeys, id: string) {
    this.#redis = redis;
    this.#keys = keys;
    this.id = id;
  }

  /** Counts, rate, ETA and cost. */
  async progress(): Promise<DistributedBatchProgress> {
    const [meta, total] = await Promise.all([this.#redis.hgetall(this.#keys.meta), this.#redis.scard(this.#keys.ids)]);
    const count = (name: string) => Number(meta[name] ?? 0);
    const succeeded = count('succeeded');
    const failed = count('failed');
    const cancelled = count('cancelled');
    const done = succeeded + failed + cancelled;
    const first = count('firstDoneAt');
    const last = count('lastDoneAt');
    const seconds = (last - first) / 1000;
    const ratePerSecond = done > 1 && seconds > 0 ? (done - 1) / seconds : 0;
    return {
      total,
      done,
      succeeded,
      failed,
      cancelled,
      duplicates: count('duplicates'),
      redelivered: count('redelivered'),
      costUsd: count('costUsd'),
      ratePerSecond,
      etaMs: ratePerSecond > 0 ? ((total - done) / ratePerSecond) * 1000 : undefined,
      cancelRequested: meta.cancelRequested === '1',
    };
  }

  /** Asks every worker to skip this job's remaining requests; each is recorded as a cancelled failure. */
  async cancel(): Promise<void> {
    await this.#redis.hset(this.#keys.meta, 'cancelRequested', '1');
  }

  /** Resolves when every enqueued request has a result. */
  async done(options: { signal?: AbortSignal; pollMs?: number } = {}): Promise<DistributedBatchProgress> {
    while (true) {
      options.signal?.throwIfAborted();
      const progress = await this.progress();
      if (progress.total > 0 && progress.done >= progress.total) return progress;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    }
  }

  /**
   * The results as they are recorded, each customId once, until every enqueued request has one. With a `reader`
   * name, a restarted reader goes on after the last result it consumed (a result counts as consumed once the loop
   * body that got it has finished: it asks for the next one, or leaves the loop); a reader that dies mid-body sees
   * that result again.
   */
  async *results(options: ResultsOptions = {}): AsyncGenerator<BatchResult> {
    const redis = this.#redis.duplicate();
    redis.on('error', () => {});
    let cursor = options.reader ? ((await this.#redis.hget(this.#keys.readers, options.reader)) ?? '0') : '0';
    try {
      while (!options.signal?.aborted) {
        const reply = (await redis.xread(
          'COUNT',
          200,
          'BLOCK',
          options.blockMs ?? 1_000,
          'STREAMS',
          this.#keys.stream,
          cursor,
        )) as [string, [string, string[]][]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        for (const [entryId, fields] of entries) {
          const result = decodeEntry(fields);
          cursor = entryId;
          if (!result) continue;
          try {
            yield result;
          } finally {
            // Consumed: the loop asked for the next one, or left after handling this one. A reader that dies
            // while handling it gets it again.
            if (options.reader) await this.#redis.hset(this.#keys.readers, options.reader, cursor);
          }
        }
        if (entries.length === 0) {
          const progress = await this.progress();
          if (progress.total > 0 && progress.done >= progress.total && (await this.#atEnd(cursor))) return;
        }
      }
    } finally {
      redis.disconnect();
    }
  }

  async #atEnd(cursor: string): Promise<boolean> {
    const after = await this.#redis.xrange(this.#keys.stream, `(${cursor === '0' ? '0-0' : cursor}`, '+', 'COUNT', 1);
    return after.length === 0;
  }
}

function decodeEntry(fields: string[]): BatchResult | undefined {
  const index = fields.indexOf('result');
  const raw = index >= 0 ? fields[index + 1] : undefined;
  if (raw === undefined) return undefined;
  const record = parseResultRecord(JSON.parse(raw));
  return record && { ...record.result, source: 'run' };
}
