import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { collect, openaiClient, startTestServer } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({
    latency: {
      timeToFirstTokenMs: 0,
      interChunkMs: 0,
      perModel: { 'slow-model': { timeToFirstTokenMs: 120, interChunkMs: 5 } },
    },
  });
});
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'time me' }];

describe('latency', () => {
  it('delays the first token of a stream and spaces the chunks, per model', async () => {
    const client = openaiClient(server);
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: 'slow-model', messages, stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    expect(arrivals[0]).toBeGreaterThanOrEqual(100);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(5 * (arrivals.length - 2));
    const fast = Date.now();
    await collect(await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true }));
    expect(Date.now() - fast).toBeLessThan(2_000);
  });

  it('makes non-streaming, embeddings and image answers wait too, and can be changed at run time', async () => {
    const client = openaiClient(server);
    let started = Date.now();
    const reply = await client.chat.completions.create({ model: 'slow-model', messages });
    expect(Date.now() - started).toBeGreaterThanOrEqual(120 + 5 * (reply.usage?.completion_tokens ?? 0) - 20);
    server.control.setLatency({ timeToFirstTokenMs: 80 });
    try {
      started = Date.now();
      await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
      await client.images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      server.control.setLatency({ timeToFirstTokenMs: 0 });
    }
  });
});
