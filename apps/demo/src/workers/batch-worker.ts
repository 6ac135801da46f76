/**
 * One worker process of `switchboard-demo batch --workers N`: takes requests from the demo's BullMQ queue on Redis,
 * sends them (sharing one rate limit through the Redis store when the parent gives `rpm`) and records each result
 * once. Says `ready` on stdout once it listens. SIGTERM (or the parent going away) makes it finish the requests in
 * flight and stop. argv[2]: {@link BatchWorkerSettings}.
 */
import { startBatchWorker } from '@switchboard/batch/distributed';
import { createRedisRateLimitStore } from '@switchboard/redis';
import { type ServiceSettings, workerProvider } from './worker-common.js';
import { readSettings, report, stopWithParent } from './worker-process.js';

/** What the parent passes. */
export interface BatchWorkerSettings extends ServiceSettings {
  /** The BullMQ queue. */
  queueName: string;
  /** The prefix of the job keys. */
  prefix: string;
  /** Requests in flight in this worker. */
  concurrency: number;
  /** A shared requests-per-minute limit on the Redis store, if any. */
  rpm?: number;
  /** How many workers share it. */
  workers: number;
}

const settings = readSettings<BatchWorkerSettings>();
const store = settings.rpm
  ? createRedisRateLimitStore({
      redis: settings.redisUrl,
      prefix: `${settings.prefix}:ratelimit:`,
      expectedWorkers: settings.workers,
    })
  : undefined;
const worker = startBatchWorker(workerProvider(settings), {
  connection: settings.redisUrl,
  queueName: settings.queueName,
  prefix: settings.prefix,
  concurrency: settings.concurrency,
  ...(store && settings.rpm ? { rateLimiter: { requestsPerMinute: settings.rpm, store } } : {}),
});
const release = stopWithParent(() => void worker.close());
report({ ready: true });
await worker.closed;
await store?.close();
release();
