import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.js';

function stream(pieces: Uint8Array[], keepOpen = false, onCancel?: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      if (!keepOpen) controller.close();
    },
    cancel() {
      onCancel?.();
    },
  });
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('readLines', () => {
  it('splits LF and CRLF lines across chunks, keeps UTF-8 whole, skips blank lines, keeps a last unterminated line', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\r\n\n{"b":2}\n{"c":"☕"}');
    const pieces = [bytes.slice(0, 7), bytes.slice(7, 8), bytes.slice(8, 25), bytes.slice(25)];
    expect(await collect(readLines(stream(pieces)))).toEqual(['{"a":"é"}', '{"b":2}', '{"c":"☕"}']);
  });

  it('cancels the download when the consumer stops early', async () => {
    let cancelled = false;
    const lines = readLines(stream([new TextEncoder().encode('1\n2\n')], true, () => (cancelled = true)));
    for await (const line of lines) {
      expect(line).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
