import { describe, expect, it } from 'vitest';
import { jsonlBytes } from './jsonl-bytes.js';

async function text(chunks: AsyncIterable<Uint8Array>): Promise<{ text: string; pieces: number }> {
  const decoder = new TextDecoder();
  let out = '';
  let pieces = 0;
  for await (const chunk of chunks) {
    out += decoder.decode(chunk, { stream: true });
    pieces++;
  }
  return { text: out + decoder.decode(), pieces };
}

describe('jsonlBytes', () => {
  it('ends every line with a newline, adding only missing ones', async () => {
    expect((await text(jsonlBytes(['{"a":1}', '{"b":2}\n']))).text).toBe('{"a":1}\n{"b":2}\n');
  });

  it('reads async iterables lazily and gathers lines into ~64 KiB pieces', async () => {
    let pulled = 0;
    async function* lines() {
      for (let i = 0; i < 2_000; i++) {
        pulled++;
        yield JSON.stringify({ i, pad: 'x'.repeat(100) });
      }
    }
    const iterator = jsonlBytes(lines());
    const first = await iterator.next();
    expect(first.value?.byteLength).toBeGreaterThanOrEqual(64 * 1024);
    expect(pulled).toBeLessThan(2_000);
    const rest = await text({ [Symbol.asyncIterator]: () => iterator });
    expect(rest.pieces).toBeGreaterThan(1);
    expect(pulled).toBe(2_000);
  });

  it('passes byte streams through and cancels them when stopped early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"x":1}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const chunk of jsonlBytes(stream)) {
      expect(new TextDecoder().decode(chunk)).toBe('{"x":1}\n');
      break;
    }
    expect(cancelled).toBe(true);
    const closed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([65]));
        controller.close();
      },
    });
    expect((await text(jsonlBytes(closed))).text).toBe('A');
  });

  it('gives nothing for no lines', async () => {
    expect((await text(jsonlBytes([]))).pieces).toBe(0);
  });
});
