import { describe, expect, it, vi } from 'vitest';
import { AbortedError, TimeoutError } from '../errors/error-classes.js';
import { abortReason, raceAbort, throwIfAborted } from './abort.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { createDeferred } from './deferred.js';
import { dropUndefined } from './drop-undefined.js';
import { estimateInputTokens, textTokens } from './estimate-tokens.js';
import { sleep } from './sleep.js';
import { readLines, splitLines } from './split-lines.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* chunksOf(...chunks: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* chunks;
}

describe('splitLines', () => {
  it('splits LF and CRLF lines across chunk boundaries, with byte offsets', async () => {
    const euro = new TextEncoder().encode('€'); // 3 bytes, split across chunks below
    const lines = await collect(
      splitLines(chunksOf('{"a":1}\r\n{"b":', '2}\n', euro.subarray(0, 1), euro.subarray(1), '\nlast')),
    );
    expect(lines).toEqual([
      { text: '{"a":1}', offset: 0, byteLength: 9, terminated: true },
      { text: '{"b":2}', offset: 9, byteLength: 8, terminated: true },
      { text: '€', offset: 17, byteLength: 4, terminated: true },
      { text: 'last', offset: 21, byteLength: 4, terminated: false },
    ]);
  });

  it('drops a UTF-8 byte-order mark at the start from the text, keeping it in the offsets', async () => {
    const lines = await collect(splitLines(chunksOf(new Uint8Array([0xef, 0xbb, 0xbf]), '{"a":1}\n\uFEFFx\n')));
    expect(lines.map((l) => [l.text, l.offset])).toEqual([
      ['{"a":1}', 0],
      ['\uFEFFx', 11],
    ]);
  });

  it('reads the non-empty lines of a body and cancels it when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('a\n\nb\r\nc'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const lines: string[] = [];
    for await (const line of readLines(body)) {
      lines.push(line);
      if (line === 'b') break;
    }
    expect(lines).toEqual(['a', 'b']);
    expect(cancelled).toBe(true);
    const whole = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('x\ny'));
        controller.close();
      },
    });
    expect(await collect(readLines(whole))).toEqual(['x', 'y']);
  });
});

describe('base64', () => {
  it('round-trips every byte value and large inputs without Buffer', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => index % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded.slice(0, 8)).toBe('AAECAwQF');
    expect(base64ToBytes(encoded)).toEqual(bytes);
  });

  it('accepts URL-safe base64 and whitespace', () => {
    expect(base64ToBytes('-_8=\n')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(() => base64ToBytes('***')).toThrow();
  });
});

describe('dropUndefined', () => {
  it('removes only the keys whose value is undefined', () => {
    expect(dropUndefined({ a: 1, b: undefined, c: null, d: 0 })).toEqual({ a: 1, c: null, d: 0 });
    expect(Object.keys(dropUndefined({ b: undefined }))).toEqual([]);
  });
});

describe('estimateInputTokens', () => {
  it('uses OpenAI’s documented chat framing: 3 per message, 3 to prime the reply', () => {
    // 3 priming + 3 framing + role "user" (1) + 8 characters (2)
    expect(estimateInputTokens({ model: 'm', messages: [{ role: 'user', content: 'abcdefgh' }] })).toBe(9);
  });

  it('prices images by detail: 85 low, 765 otherwise (a 1024 × 1024 image in high detail)', () => {
    const request = (detail?: 'low' | 'high') => ({
      model: 'm',
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'image' as const, image: 'https://x.test/a.png', ...(detail ? { detail } : {}) }],
        },
      ],
    });
    expect(estimateInputTokens(request('low'))).toBe(3 + 3 + 1 + 85);
    expect(estimateInputTokens(request('high'))).toBe(3 + 3 + 1 + 765);
    expect(estimateInputTokens(request())).toBe(3 + 3 + 1 + 765);
  });

  it('counts tool calls, tool results, tools, schemas, embeddings and image prompts', () => {
    const withTools = estimateInputTokens({
      model: 'm',
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      responseFormat: { type: 'json_schema', name: 's', schema: { type: 'object' } },
      messages: [
        { role: 'system', content: 'abcd' },
        { role: 'assistant', content: null, toolCalls: [{ id: '1', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: '1', content: '{"ok":true}' },
      ],
    });
    const tools = textTokens(JSON.stringify([{ name: 'f', parameters: { type: 'object' } }]));
    const schema = textTokens(JSON.stringify({ type: 'object' }));
    expect(withTools).toBe(3 + (3 + 2 + 1) + (3 + 3 + 0 + 1 + 1) + (3 + 1 + 3) + tools + schema);
    expect(estimateInputTokens({ model: 'e', input: ['abcd', 'abcde'] })).toBe(3);
    expect(estimateInputTokens({ model: 'e', input: 'abcdefgh' })).toBe(2);
    expect(estimateInputTokens({ model: 'dall-e-3', prompt: 'a red fox' })).toBe(3);
  });
});

describe('abort and sleep helpers', () => {
  it('sleeps, and rejects at once with the abort reason when aborted', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const waiting = sleep(60_000, controller.signal, 'openai');
      controller.abort();
      await expect(waiting).rejects.toBeInstanceOf(AbortedError);
      expect(vi.getTimerCount()).toBe(0);
      await expect(
        sleep(10, AbortSignal.abort(new TimeoutError({ phase: 'total', timeoutMs: 1 }))),
      ).rejects.toMatchObject({
        phase: 'total',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps Switchboard reasons, wraps others, and races promises against a signal', async () => {
    const timeout = new TimeoutError({ phase: 'idle', timeoutMs: 5 });
    expect(abortReason(AbortSignal.abort(timeout))).toBe(timeout);
    expect(abortReason(AbortSignal.abort('x'), 'azure')).toMatchObject({ code: 'aborted', provider: 'azure' });
    expect(() => throwIfAborted(AbortSignal.abort())).toThrow(AbortedError);
    expect(() => throwIfAborted(undefined)).not.toThrow();
    await expect(raceAbort(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(raceAbort(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
    await expect(raceAbort(Promise.reject(new Error('no')), new AbortController().signal)).rejects.toThrow('no');
    await expect(raceAbort(new Promise(() => {}), AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
    const controller = new AbortController();
    const pending = createDeferred<number>();
    const raced = raceAbort(pending.promise, controller.signal);
    controller.abort();
    await expect(raced).rejects.toBeInstanceOf(AbortedError);
    pending.reject(new Error('late'));
  });
});
