import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from './split-lines.js';

async function* chunksOf(parts: (string | Uint8Array)[]) {
  for (const part of parts) yield part;
}

async function collect(parts: (string | Uint8Array)[]) {
  const lines = [];
  for await (const line of splitLines(chunksOf(parts))) lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('splits on newlines with byte offsets, across chunk boundaries', async () => {
    const lines = await collect(['{"a":1}\n{"b"', ':2}\r\n', 'é\n']);
    expect(lines).toEqual([
      { text: '{"a":1}', offset: 0, byteLength: 8, terminated: true },
      { text: '{"b":2}', offset: 8, byteLength: 9, terminated: true },
      { text: 'é', offset: 17, byteLength: 3, terminated: true },
    ]);
  });

  it('reports an unterminated last line', async () => {
    const lines = await collect(['one\ntw', 'o']);
    expect(lines.at(-1)).toEqual({ text: 'two', offset: 4, byteLength: 3, terminated: false });
  });

  it('keeps multi-byte characters whole whatever the chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replaceAll('\n', ' ')),
          { maxLength: 20 },
        ),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
        async (texts, cuts) => {
          const bytes = Buffer.from(texts.map((t) => `${t}\n`).join(''));
          const parts: Uint8Array[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i += 1) {
            const size = cuts[i % cuts.length] as number;
            parts.push(bytes.subarray(at, at + size));
            at += size;
          }
          const lines = await collect(parts);
          expect(lines.map((l) => l.text)).toEqual(texts.map((t) => t.replace(/\r$/, '')));
          expect(lines.reduce((sum, l) => sum + l.byteLength, 0)).toBe(bytes.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
