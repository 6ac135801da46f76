/**
 * A batch worker process for the distributed tests: argv[2] is JSON { redisUrl, mockUrl, queueName, prefix }.
 * Prints "ready" once the worker runs; a SIGTERM finishes the requests in flight and exits 0.
 */
import { createOpenAIProvider } from '@switchboard/openai';
import { startBatchWorker } from '../dist/distributed/index.js';

const { redisUrl, mockUrl, queueName, prefix } = JSON.parse(process.argv[2]);
const provider = createOpenAIProvider({ apiKey: 'sk-queue-worker-00000000000000000000000000', baseURL: mockUrl });
const worker = startBatchWorker(provider, {
  connection: redisUrl,
  queueName,
  prefix,
  concurrency: 4,
  lockDurationMs: 1_500,
  stalledIntervalMs: 500,
  retry: { maxAttempts: 3, baseDelayMs: 20 },
});
process.stdout.write('ready\n');
await worker.closed;
process.exit(0);
