import type { CallOptions, ModelCatalog } from '@switchboard/core';
import type {
  RateLimiter,
  RateLimiterOptions,
  ResiliencePolicy,
  RetryPolicy,
  RetryPolicyOptions,
} from '@switchboard/resilience';
import type { Redis, RedisOptions } from 'ioredis';

/** Where the queue lives: a `redis://` URL, ioredis options, or an ioredis client (duplicated, never closed). */
export type QueueConnection = string | RedisOptions | Redis;

/** Options every distributed-batch function shares. */
export interface QueueOptions {
  /** The Redis that holds the queue, the results and the progress. */
  connection: QueueConnection;
  /** The BullMQ queue name (one queue serves every batch job). Default `switchboard-batch`. */
  queueName?: string;
  /** Prefix of the keys that hold each job's results and progress. Default `switchboard:batch`. */
  prefix?: string;
}

/** Options of `enqueueBatch`. */
export interface EnqueueBatchOptions extends QueueOptions {
  /** The job's id: enqueuing the same `jobId` and `customId` again adds nothing. */
  jobId: string;
  /** How many requests go to Redis per round trip. Default 500. */
  chunkSize?: number;
}

/** Options of `startBatchWorker`. */
export interface BatchWorkerOptions extends QueueOptions {
  /** Calls in flight in this worker. Default 8. */
  concurrency?: number;
  /** The rate limiter (give every worker one on `@switchboard/redis`'s store to share the key's limits). */
  rateLimiter?: RateLimiter | RateLimiterOptions | false;
  /** The retry policy (the same as `runBatch`'s; the queue itself never retries a failed request). */
  retry?: RetryPolicy | RetryPolicyOptions | false;
  /** The rest of the resilience policy. */
  resilience?: ResiliencePolicy | false;
  /** Options for every call (headers, timeouts). */
  callOptions?: Omit<CallOptions, 'signal'>;
  /** Prices for each result's `costUsd`. */
  catalog?: ModelCatalog;
  /** How long a worker holds a request before others may take it (a killed worker's request moves on after this). */
  lockDurationMs?: number;
  /** How often stalled requests are looked for. */
  stalledIntervalMs?: number;
  /** Signals that make the worker finish its in-flight requests and stop. Default `['SIGTERM', 'SIGINT']`. */
  stopOnSignals?: readonly NodeJS.Signals[];
}
