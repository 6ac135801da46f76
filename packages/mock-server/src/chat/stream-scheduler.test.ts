import { describe, expect, it } from 'vitest';
import { startMockServer } from '../server/server.js';

const body = (model: string) =>
  JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'pace me' }] });

async function open(origin: string, model: string, signal?: AbortSignal) {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' },
    body: body(model),
    signal,
  });
  return response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
}

describe('StreamScheduler (through the server)', () => {
  it('paces many streams from one timer, each complete and in order', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 20, interChunkMs: 2 } });
    try {
      const texts = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const reader = await open(server.origin, 'gpt-4o');
          let text = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return text;
            text += new TextDecoder().decode(value);
          }
        }),
      );
      const withoutIds = (text: string) => text.replace(/chatcmpl-[A-Za-z0-9]+/g, 'ID').replace(/"created":\d+/g, '');
      for (const text of texts) {
        expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
        expect(withoutIds(text)).toBe(withoutIds(texts[0] as string));
      }
      const ids = new Set(texts.map((text) => /"id":"([^"]+)"/.exec(text)?.[1]));
      expect(ids.size).toBe(50);
    } finally {
      await server.close();
    }
  });

  it('ends paced streams when the server closes, and drops clients that went away', async () => {
    const server = await startMockServer({ latency: { timeToFirstTokenMs: 10, interChunkMs: 1_000 } });
    const aborted = new AbortController();
    const gone = await open(server.origin, 'gpt-4o', aborted.signal);
    await gone.read();
    aborted.abort();
    const reader = await open(server.origin, 'gpt-4o');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    const closing = server.close();
    const rest = await reader.read().then(
      (result) => result,
      () => ({ done: true as const, value: undefined }),
    );
    await closing;
    // The stream stops without [DONE]: either the end of the body or a reset connection.
    if (!rest.done) expect(new TextDecoder().decode(rest.value)).not.toContain('[DONE]');
    expect(server.control.requests().length).toBeGreaterThanOrEqual(2);
  });
});
