import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, ParseError } from '@switchboard/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonlWriter } from './jsonl-writer.js';
import { readBatchRequests } from './read-batch-requests.js';
import { readJsonl, readJsonlLines } from './read-jsonl.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readJsonl', () => {
  it('reads values from a file, skipping blank lines and numbering lines as in the file', async () => {
    const path = join(dir, 'a.jsonl');
    await writeFile(path, '{"n":1}\n\n{"n":2}\n');
    const values = [];
    for await (const value of readJsonl(path)) values.push(value);
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
    const lines = [];
    for await (const line of readJsonlLines(new URL(`file://${path}`))) lines.push(line.lineNumber);
    expect(lines).toEqual([1, 3]);
  });

  it('accepts a file that starts with a UTF-8 byte-order mark, as Windows editors write it', async () => {
    const path = join(dir, 'bom.jsonl');
    const line = (id: string) =>
      JSON.stringify({ customId: id, request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: id }] } });
    await writeFile(path, `\ufeff${line('a')}\r\n${line('b')}\r\n`);
    const ids = [];
    for await (const request of readBatchRequests(path)) ids.push(request.customId);
    expect(ids).toEqual(['a', 'b']);
    // Only the file's first line loses it: a mark inside the file is data (and here not JSON).
    await writeFile(path, `${line('a')}\n\ufeff${line('b')}\n`);
    await expect(async () => {
      for await (const _ of readJsonl(path)) {
        // read to the end
      }
    }).rejects.toThrow(/Line 2/);
    // A stream whose first chunk holds only part of the mark.
    const bytes = new TextEncoder().encode(`\ufeff{"n":1}\n`);
    async function* split() {
      yield bytes.subarray(0, 2);
      yield bytes.subarray(2);
    }
    const values = [];
    for await (const value of readJsonl(split())) values.push(value);
    expect(values).toEqual([{ n: 1 }]);
  });

  it('reads from a stream of text', async () => {
    async function* source() {
      yield '{"x":';
      yield '1}\n';
    }
    const values = [];
    for await (const value of readJsonl(source())) values.push(value);
    expect(values).toEqual([{ x: 1 }]);
  });

  it('names the line that is not JSON', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, '{"n":1}\nnot json\n');
    const read = async () => {
      for await (const _ of readJsonl(path)) {
        // consume
      }
    };
    await expect(read()).rejects.toBeInstanceOf(ParseError);
    await expect(read()).rejects.toThrow(/Line 2/);
  });

  it('skips lines that are only whitespace, Unicode spaces included, and numbers lines as in the file', async () => {
    const path = join(dir, 'blank.jsonl');
    await writeFile(path, ' \t\n{"n":1}\n\u3000\u00a0\r\n\f\v\n  {"n":2}\n');
    const lines = [];
    for await (const line of readJsonlLines(path)) lines.push(line);
    expect(lines).toEqual([
      { text: '{"n":1}', lineNumber: 2 },
      { text: '  {"n":2}', lineNumber: 5 },
    ]);
    const values = [];
    for await (const value of readJsonl(path)) values.push(value);
    expect(values).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('reads a file larger than its read chunk, lines of multi-byte text crossing chunk edges (property)', async () => {
    const path = join(dir, 'large.jsonl');
    // Lines of 1, 2, 3 and 4-byte characters, 1.2 MB in all: several 256 KiB reads, each edge inside a line.
    const fixed = Array.from({ length: 12 }, (_, index) =>
      `${'aé中😀'.slice(0, (index % 4) + 1)}`.repeat(30_000 + index),
    );
    await writeFile(path, fixed.map((text) => `${JSON.stringify({ text })}\n`).join(''));
    const read = [];
    for await (const value of readJsonl(path)) read.push(value);
    expect(read).toEqual(fixed.map((text) => ({ text })));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30_000 }), { minLength: 1, maxLength: 40 }),
        async (texts) => {
          await writeFile(path, texts.map((text) => `${JSON.stringify({ text })}\n`).join(''));
          const values = [];
          for await (const value of readJsonl(path)) values.push(value);
          expect(values).toEqual(texts.map((text) => ({ text })));
        },
      ),
      { numRuns: 15, seed: 5 },
    );
  });

  it('stops when aborted', async () => {
    const path = join(dir, 'abort.jsonl');
    await writeFile(path, '{"n":1}\n{"n":2}\n');
    const controller = new AbortController();
    const read = async () => {
      for await (const _ of readJsonl(path, { signal: controller.signal })) controller.abort();
    };
    await expect(read()).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('JsonlWriter', () => {
  it('counts lines and bytes and writes them all, across its buffer size', async () => {
    const path = join(dir, 'w.jsonl');
    const writer = await JsonlWriter.create(path);
    const big = 'x'.repeat(300_000);
    for (let i = 0; i < 5; i += 1) await writer.write({ i, big });
    await writer.writeLine('{"last":true}');
    expect(writer.lines).toBe(6);
    await writer.close({ sync: true });
    const values: unknown[] = [];
    for await (const value of readJsonl(path)) values.push(value);
    expect(values).toHaveLength(6);
    expect(values.at(-1)).toEqual({ last: true });
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
    expect(size).toBe(writer.bytes);
    expect(JsonlWriter.byteLengthOf('é')).toBe(3);
  });

  it('buffers at most its buffer size: every byte not waiting in the buffer is already in the file (property)', async () => {
    const path = join(dir, 'bounded.jsonl');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1024, max: 2048 }),
        async (texts, bufferBytes) => {
          const writer = await JsonlWriter.create(path, { bufferBytes });
          expect(writer.bufferBytes).toBe(bufferBytes);
          try {
            for (const text of texts) {
              await writer.write({ text });
              expect(writer.buffered).toBeLessThanOrEqual(bufferBytes);
              expect((await stat(path)).size).toBe(writer.bytes - writer.buffered);
            }
          } finally {
            await writer.close();
          }
          expect(writer.buffered).toBe(0);
          expect((await stat(path)).size).toBe(writer.bytes);
          const values: unknown[] = [];
          for await (const value of readJsonl(path)) values.push(value);
          expect(values).toEqual(texts.map((text) => ({ text })));
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it('sizes its buffer at 256 KiB by default and at least 1 KiB when asked for less', async () => {
    const path = join(dir, 'sizes.jsonl');
    const writer = await JsonlWriter.create(path);
    expect(writer.bufferBytes).toBe(JsonlWriter.DEFAULT_BUFFER_BYTES);
    expect(JsonlWriter.DEFAULT_BUFFER_BYTES).toBe(256 * 1024);
    await writer.close();
    const small = await JsonlWriter.create(path, { bufferBytes: 10 });
    expect(small.bufferBytes).toBe(1024);
    await small.close();
  });

  it('writes lines longer than its buffer, multi-byte text, and lines whose given byte count is short, intact', async () => {
    const path = join(dir, 'long.jsonl');
    const writer = await JsonlWriter.create(path);
    const huge = JSON.stringify({ text: 'é中😀'.repeat(200_000) });
    await writer.writeLine('{"a":1}');
    await writer.writeLine(huge);
    await writer.writeLine(JSON.stringify({ text: 'é'.repeat(10) }), 3);
    await writer.writeLine('{"b":2}');
    await writer.close();
    const values: unknown[] = [];
    for await (const value of readJsonl(path)) values.push(value);
    expect(values).toEqual([{ a: 1 }, JSON.parse(huge), { text: 'é'.repeat(10) }, { b: 2 }]);
  });
});
