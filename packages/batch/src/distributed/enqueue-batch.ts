import { ConfigError, unknownOptionIssues } from '@switchboard/core';
import { Queue } from 'bullmq';
import { hashRequest } from '../checkpoint/fingerprint.js';
import { validateBatchRequest } from '../run/validate-request.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';
import { BatchQueueJob } from './batch-queue-job.js';
import type { EnqueueBatchOptions, QueueOptions } from './distributed-options.js';
import { openConnection } from './queue-connection.js';
import { DEFAULT_PREFIX, DEFAULT_QUEUE_NAME, jobKeys, queueJobId } from './queue-keys.js';

/** What a queued request carries to the worker. */
export interface QueuedRequest {
  /** The batch job's id. */
  jobId: string;
  /** The key prefix the job's results live under. */
  prefix: string;
  /** The request. */
  item: BatchRequest;
  /** Its hash (stored with the result). */
  hash: string;
}

/**
 * Puts `requests` (an array, any iterable, or an async iterable such as `readBatchRequests(stream)` over JSONL) on
 * the queue as the batch job `jobId`, a chunk at a time, so the input is never all in memory. Idempotent per
 * `jobId` + `customId`: enqueuing the same job again adds nothing, and neither does a request whose result is
 * already recorded. Returns the job's handle (its connection stays open until `handle.close()`).
 */
export async function enqueueBatch(requests: BatchInput, options: EnqueueBatchOptions): Promise<EnqueuedBatch> {
  checkEnqueueOptions(options);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const keys = jobKeys(prefix, options.jobId);
  const redis = openConnection(options.connection);
  const queue = new Queue<QueuedRequest>(options.queueName ?? DEFAULT_QUEUE_NAME, { connection: redis });
  const chunkSize = options.chunkSize ?? 500;
  let added = 0;
  let position = 0;
  let chunk: BatchRequest[] = [];
  // Queue first, then mark: a crash in between leaves a request queued but uncounted (enqueuing again counts it),
  // never counted but lost. BullMQ ignores a job id it still holds; a request with a recorded result is skipped.
  const flush = async () => {
    if (chunk.length === 0) return;
    const recorded = await redis.hmget(keys.results, ...chunk.map((item) => item.customId));
    const toAdd = chunk.filter((_, index) => recorded[index] === null);
    if (toAdd.length > 0) {
      await queue.addBulk(
        toAdd.map((item) => ({
          name: 'request',
          data: { jobId: options.jobId, prefix, item, hash: hashRequest(item) },
          opts: { jobId: queueJobId(options.jobId, item.customId), removeOnComplete: true, removeOnFail: true },
        })),
      );
    }
    added += await redis.sadd(keys.ids, ...chunk.map((item) => item.customId));
    chunk = [];
  };
  try {
    for await (const raw of requests as AsyncIterable<BatchRequest>) {
      chunk.push(validateBatchRequest(raw, position++));
      if (chunk.length >= chunkSize) await flush();
    }
    await flush();
    await redis.hsetnx(keys.meta, 'createdAt', String(Date.now()));
  } catch (error) {
    await queue.close();
    redis.disconnect();
    throw error;
  }
  await queue.close();
  const handle = new BatchQueueJob(redis, keys, options.jobId) as EnqueuedBatch;
  Object.defineProperties(handle, {
    added: { value: added, enumerable: true },
    close: { value: async () => void (await redis.quit().catch(() => redis.disconnect())) },
  });
  return handle;
}

/** The handle `enqueueBatch` returns: the job, how many requests this call added, and `close()`. */
export type EnqueuedBatch = BatchQueueJob & {
  /** Requests this call added (0 when the job was enqueued before). */
  readonly added: number;
  /** Closes the handle's connection. */
  close(): Promise<void>;
};

/** Opens the handle of an enqueued job from any process. */
export function openBatchJob(jobId: string, options: QueueOptions): EnqueuedBatch {
  const redis = openConnection(options.connection);
  const handle = new BatchQueueJob(redis, jobKeys(options.prefix ?? DEFAULT_PREFIX, jobId), jobId) as EnqueuedBatch;
  Object.defineProperties(handle, {
    added: { value: 0, enumerable: true },
    close: { value: async () => void (await redis.quit().catch(() => redis.disconnect())) },
  });
  return handle;
}

const KNOWN = ['connection', 'queueName', 'prefix', 'jobId', 'chunkSize'];

function checkEnqueueOptions(options: EnqueueBatchOptions): void {
  const issues: { path: string; message: string }[] = unknownOptionIssues(options ?? {}, KNOWN);
  if (!options?.connection)
    issues.push({ path: 'connection', message: 'is required (a redis:// URL, options or client)' });
  if (typeof options?.jobId !== 'string' || options.jobId === '') {
    issues.push({ path: 'jobId', message: 'must be a non-empty string' });
  }
  if (options?.chunkSize !== undefined && !(Number.isInteger(options.chunkSize) && options.chunkSize > 0)) {
    issues.push({ path: 'chunkSize', message: 'must be a positive whole number' });
  }
  if (issues.length > 0) throw new ConfigError({ issues });
}
