import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, ParseError } from '@switchboard/core';
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
