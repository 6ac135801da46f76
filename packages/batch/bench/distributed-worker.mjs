/**
 * One long-lived worker process for distributed-bench.mjs, driven over IPC so its start-up and JIT warm-up are paid
 * once, not per measured run (a fleet worker runs for hours). argv[2] is JSON { redisUrl, mockUrl, concurrency }.
 * Messages: { command: 'start', queueName, prefix, rpm? } starts a batch worker on that queue (with `rpm`, a rate
 * limiter on the shared Redis store) with BullMQ's default lock and stalled-check timings, as a production fleet
 * would; { command: 'cpu' } answers this process's user + system CPU in µs; { command: 'stop' } finishes the calls
 * in flight and stops the worker; { command: 'exit' } ends the process. Each answer echoes the message's `id`.
 */
import { createOpenAIProvider } from '@switchboard/openai';
import { createRedisRateLimitStore } from '@switchboard/redis';
import { startBatchWorker } from '../dist/distributed/index.js';

const { redisUrl, mockUrl, concurrency } = JSON.parse(process.argv[2]);
const provider = createOpenAIProvider({ apiKey: 'sk-bench-worker-0000000000000000000000000', baseURL: mockUrl });
let current;

process.on('message', async (message) => {
  let result;
  if (message.command === 'start') {
    const store = message.rpm ? createRedisRateLimitStore({ redis: redisUrl }) : undefined;
    const worker = startBatchWorker(provider, {
      connection: redisUrl,
      queueName: message.queueName,
      prefix: message.prefix,
      concurrency,
      ...(store ? { rateLimiter: { requestsPerMinute: message.rpm, store } } : {}),
      retry: { maxAttempts: 3, baseDelayMs: 20 },
      stopOnSignals: [],
    });
    current = { worker, store };
    // Let the connections open and BullMQ load its scripts before the driver starts measuring.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } else if (message.command === 'cpu') {
    const usage = process.cpuUsage();
    result = usage.user + usage.system;
  } else if (message.command === 'stop') {
    await current?.worker.close();
    await current?.store?.close();
    current = undefined;
  } else if (message.command === 'exit') {
    process.disconnect();
    return;
  }
  process.send({ id: message.id, result });
});
process.send({ ready: true });
