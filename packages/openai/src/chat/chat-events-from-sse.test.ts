import { type ChatStreamEvent, ServerError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { chatEventsFromSse } from './chat-events-from-sse.js';

const CHUNK =
  '{"id":"c1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}';

function body(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.close();
        return;
      }
      sent = true;
      controller.enqueue(bytes);
    },
  });
}

async function run(text: string, maxEventChars?: number): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  const options = {
    provider: 'openai',
    requestId: 'req_x',
    mapErrorPayload: (error: unknown) =>
      new ServerError({ message: `payload: ${JSON.stringify(error)}`, provider: 'openai' }),
    ...(maxEventChars ? { maxEventChars } : {}),
  };
  for await (const event of chatEventsFromSse(body(text), options)) events.push(event);
  return events;
}

describe('chatEventsFromSse', () => {
  it('yields events up to [DONE] and ignores what follows', async () => {
    const events = await run(`data: ${CHUNK}\n\ndata: [DONE]\n\ndata: ${CHUNK}\n\n`);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'finish']);
  });

  it('fails with a network error when the body ends without [DONE]', async () => {
    await expect(run(`data: ${CHUNK}\n\n`)).rejects.toMatchObject({ code: 'network', requestId: 'req_x' });
    await expect(run(`data: ${CHUNK}\n\ndata: [DONE]`)).rejects.toMatchObject({ code: 'network' });
    await expect(run('')).rejects.toMatchObject({ code: 'network' });
  });

  it('throws the mapped error for an error payload, as data or as an error event', async () => {
    await expect(
      run(`data: ${CHUNK}\n\ndata: {"error":{"message":"boom","type":"server_error"}}\n\n`),
    ).rejects.toMatchObject({
      code: 'server',
      message: expect.stringContaining('boom'),
    });
    await expect(run('event: error\ndata: {"message":"overloaded"}\n\n')).rejects.toMatchObject({
      message: expect.stringContaining('overloaded'),
    });
  });

  it('fails with a parse error carrying an excerpt for a chunk that is not JSON or has the wrong shape', async () => {
    await expect(run('data: {"id":"c1","choi\n\n')).rejects.toMatchObject({
      code: 'parse',
      excerpt: '{"id":"c1","choi',
    });
    await expect(run('data: {"choices":"nope"}\n\n')).rejects.toMatchObject({
      code: 'parse',
      message: expect.stringContaining('choices'),
    });
    await expect(run('data: [1,2]\n\n')).rejects.toMatchObject({
      code: 'parse',
      message: expect.stringContaining('(root)'),
    });
  });

  it('refuses an event larger than the buffer limit', async () => {
    await expect(run(`data: ${'x'.repeat(5_000)}`, 1_000)).rejects.toMatchObject({ code: 'parse' });
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const open = new ReadableStream<Uint8Array>({
      start(controller) {
        // More is always coming: the stream stays open until it is cancelled.
        controller.enqueue(new TextEncoder().encode(`data: ${CHUNK}\n\ndata: ${CHUNK}\n\n`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const events = chatEventsFromSse(open, {
      provider: 'openai',
      mapErrorPayload: () => new ServerError({ message: 'x' }),
    });
    for await (const _event of events) break;
    expect(cancelled).toBe(true);
  });
});
