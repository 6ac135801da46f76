/**
 * One process of `switchboard-demo workers`: sends its share of chats through `withResilience` with a rate limiter
 * on the Redis store every worker shares, and reports to its parent as JSON lines on stdout (a tick per answer, then
 * a summary). argv[2]: { redisUrl, kind, mockUrl?, model, rpm, requests, concurrency }. Keys for a live service come
 * from the inherited environment, never from the command line.
 */
import { createAzureProvider } from '@switchboard/azure';
import type { Provider } from '@switchboard/core';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRedisRateLimitStore } from '@switchboard/redis';
import { withResilience } from '@switchboard/resilience';

interface WorkerSettings {
  redisUrl: string;
  kind: 'openai' | 'azure';
  mockUrl?: string;
  mockAzureUrl?: string;
  model: string;
  rpm: number;
  requests: number;
  concurrency: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const store = createRedisRateLimitStore({ redis: settings.redisUrl, expectedWorkers: 3 });
const provider = withResilience(baseProvider(settings), {
  retry: { maxAttempts: 4 },
  rateLimiter: { requestsPerMinute: settings.rpm, store },
});
let next = 0;
let failed = 0;
let rateLimited = 0;
await Promise.all(
  Array.from({ length: settings.concurrency }, async () => {
    while (next < settings.requests) {
      const index = next++;
      try {
        await provider.chat({
          model: settings.model,
          messages: [{ role: 'user', content: `Worker ${process.pid}, request ${index}: one word for blue.` }],
          maxOutputTokens: 8,
        });
        process.stdout.write(`${JSON.stringify({ tick: Date.now() })}\n`);
      } catch (error) {
        failed++;
        if ((error as { code?: string }).code === 'rate-limit') rateLimited++;
      }
    }
  }),
);
process.stdout.write(`${JSON.stringify({ done: true, failed, rateLimited })}\n`);
await store.close();

function baseProvider(s: WorkerSettings): Provider {
  if (s.mockUrl) {
    return s.kind === 'azure'
      ? createAzureProvider({ endpoint: s.mockAzureUrl ?? s.mockUrl, apiKey: 'demo-mock-key' })
      : createOpenAIProvider({ apiKey: 'sk-demo-mock-key', baseURL: s.mockUrl });
  }
  return s.kind === 'azure' ? createAzureProvider.fromEnv() : createOpenAIProvider.fromEnv();
}
