import { ParseError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { type JsonStreamItem, readJsonEvents } from './read-json-events.js';

function body(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...parts];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

async function read(stream: ReadableStream<Uint8Array>, maxEventChars?: number): Promise<JsonStreamItem[]> {
  const items: JsonStreamItem[] = [];
  for await (const item of readJsonEvents(stream, { provider: 'openai', requestId: 'req_1', maxEventChars })) {
    items.push(item);
  }
  return items;
}

describe('readJsonEvents', () => {
  it('yields parsed payloads with their event names, and stops at [DONE]', async () => {
    const items = await read(
      body(
        'event: response.created\ndata: {"a":1}\n\n: keep-alive\n\ndata: [1,',
        '2]\n\ndata: [DONE]\n\ndata: {"late":1}\n\n',
      ),
    );
    expect(items).toEqual([
      { kind: 'json', event: 'response.created', data: { a: 1 } },
      { kind: 'json', event: undefined, data: [1, 2] },
      { kind: 'done' },
    ]);
  });

  it('ends with the body when there is no [DONE], dropping an event cut in half', async () => {
    expect(await read(body('data: {"a":1}\r\n\r\ndata: {"b"'))).toEqual([
      { kind: 'json', event: undefined, data: { a: 1 } },
    ]);
  });

  it('reads CR-only line endings to the end, a trailing CR included', async () => {
    expect(await read(body('data: {"a":1}\r', '\rdata: [DONE]\r\r'))).toEqual([
      { kind: 'json', event: undefined, data: { a: 1 } },
      { kind: 'done' },
    ]);
    expect(await read(body('data: {"a":1}\r\r'))).toEqual([{ kind: 'json', event: undefined, data: { a: 1 } }]);
  });

  it('fails with a typed parse error carrying a short excerpt', async () => {
    const error = await read(body(`data: {"broken": ${'x'.repeat(500)}\n\n`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ code: 'parse', provider: 'openai', requestId: 'req_1' });
    expect((error as ParseError).excerpt.length).toBeLessThanOrEqual(201);
    expect((error as ParseError).excerpt.startsWith('{"broken"')).toBe(true);
  });

  it('fails on an event larger than the limit', async () => {
    await expect(read(body(`data: "${'y'.repeat(200)}`, '"\n\n'), 50)).rejects.toMatchObject({
      code: 'parse',
      message: expect.stringContaining('too large'),
    });
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const item of readJsonEvents(stream, { provider: 'openai' })) {
      expect(item).toEqual({ kind: 'json', event: undefined, data: 1 });
      break;
    }
    expect(cancelled).toBe(true);
  });
});
