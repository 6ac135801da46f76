/**
 * A batch worker process for the distributed tests and bench: argv[2] is JSON
 * { redisUrl, mockUrl, queueName, prefix, concurrency?, rpm? } (with `rpm`, a rate limiter on the shared Redis store).
 * Prints "ready" once the worker runs; a SIGTERM finishes the requests in flight and exits 0.
 */
import { createOpenAIProvider } from '@switchboard/openai';
import { createRedisRateLimitStore } from '@switchboard/redis';
import { startBatchWorker } from '../dist/distributed/index.js';

const { redisUrl, mockUrl, queueName, prefix, concurrency = 4, rpm } = JSON.parse(process.argv[2]);
const store = rpm ? createRedisRateLimitStore({ redis: redisUrl }) : undefined;
const provider = createOpenAIProvider({ apiKey: 'sk-queue-worker-00000000000000000000000000', baseURL: mockUrl });
const worker = startBatchWorker(provider, {
  connection: redisUrl,
  queueName,
  prefix,
  concurrency,
  ...(store ? { rateLimiter: { requestsPerMinute: rpm, store } } : {}),
  lockDurationMs: 1_500,
  stalledIntervalMs: 500,
  retry: { maxAttempts: 3, baseDelayMs: 20 },
});
process.stdout.write('ready\n');
await worker.closed;
await store?.close();
process.exit(0);
