/**
 * One process of `switchboard-demo workers`: for `seconds`, sends chats `concurrency` at a time through
 * `withResilience` with a rate limiter on the Redis store every worker shares, and reports to its parent as JSON
 * lines on stdout: `{"at":<epoch ms>}` per answer, then one summary `{"done":true,...}`. SIGTERM (or the parent
 * going away) stops it early: no new requests, the ones in flight finish. argv[2]: {@link QuotaWorkerSettings}.
 */
import { createRedisRateLimitStore } from '@switchboard/redis';
import { withResilience } from '@switchboard/resilience';
import { type ServiceSettings, workerProvider } from './worker-common.js';
import { readSettings, report, stopWithParent } from './worker-process.js';

/** What the parent passes. */
export interface QuotaWorkerSettings extends ServiceSettings {
  /** The model. */
  model: string;
  /** The shared limit, requests per minute. */
  rpm: number;
  /** How long to send, from the worker's start. */
  seconds: number;
  /** Requests in flight in this worker. */
  concurrency: number;
  /** How many workers share the limit (the store's fallback share if Redis goes away). */
  workers: number;
  /** The store's key prefix, one per run. */
  prefix: string;
}

const settings = readSettings<QuotaWorkerSettings>();
const store = createRedisRateLimitStore({
  redis: settings.redisUrl,
  prefix: settings.prefix,
  expectedWorkers: settings.workers,
});
let rateLimited = 0;
const provider = withResilience(workerProvider(settings), {
  retry: { maxAttempts: 4 },
  circuitBreaker: false,
  rateLimiter: { requestsPerMinute: settings.rpm, store },
  hooks: {
    onRetry: (event) => {
      if (event.error.code === 'rate-limit') rateLimited++;
    },
  },
});

let stopped = false;
const stop = () => {
  stopped = true;
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
const release = stopWithParent(stop);

const deadline = Date.now() + settings.seconds * 1_000;
let next = 0;
let answered = 0;
let failed = 0;
let firstError: string | undefined;
await Promise.all(
  Array.from({ length: settings.concurrency }, async () => {
    while (!stopped && Date.now() < deadline) {
      const index = next++;
      try {
        await provider.chat({
          model: settings.model,
          messages: [{ role: 'user', content: `Worker ${process.pid}, request ${index}: one word for blue.` }],
          maxOutputTokens: 8,
        });
        answered++;
        report({ at: Date.now() });
      } catch (error) {
        failed++;
        const code = (error as { code?: unknown }).code;
        if (code === 'rate-limit') rateLimited++;
        firstError ??= `${String(code ?? 'error')}: ${(error as Error).message}`;
      }
    }
  }),
);
report({ done: true, answered, failed, rateLimited, ...(firstError ? { firstError } : {}) });
await store.close();
release();
