/**
 * One worker process of `switchboard-demo batch --workers N`: takes requests of any job from the queue on REDIS_URL
 * and sends them, sharing one rate limit through the Redis store. argv[2]: { redisUrl, kind, mockUrl?, mockAzureUrl?,
 * queueName, prefix, rpm? }. Keys for a live service come from the inherited environment. SIGTERM finishes the
 * requests in flight.
 */
import { createAzureProvider } from '@switchboard/azure';
import { startBatchWorker } from '@switchboard/batch/distributed';
import type { Provider } from '@switchboard/core';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRedisRateLimitStore } from '@switchboard/redis';

interface Settings {
  redisUrl: string;
  kind: 'openai' | 'azure';
  mockUrl?: string;
  mockAzureUrl?: string;
  queueName: string;
  prefix: string;
  rpm?: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
const store = settings.rpm ? createRedisRateLimitStore({ redis: settings.redisUrl }) : undefined;
const worker = startBatchWorker(baseProvider(settings), {
  connection: settings.redisUrl,
  queueName: settings.queueName,
  prefix: settings.prefix,
  concurrency: 8,
  ...(store && settings.rpm ? { rateLimiter: { requestsPerMinute: settings.rpm, store } } : {}),
});
process.stdout.write('ready\n');
await worker.closed;
await store?.close();

function baseProvider(s: Settings): Provider {
  if (s.mockUrl) {
    return s.kind === 'azure'
      ? createAzureProvider({ endpoint: s.mockAzureUrl ?? s.mockUrl, apiKey: 'demo-mock-key' })
      : createOpenAIProvider({ apiKey: 'sk-demo-mock-key', baseURL: s.mockUrl });
  }
  return s.kind === 'azure' ? createAzureProvider.fromEnv() : createOpenAIProvider.fromEnv();
}
