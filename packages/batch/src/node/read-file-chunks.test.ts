import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_CHUNK_BYTES, readFileChunks } from './read-file-chunks.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-chunks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

describe('readFileChunks', () => {
  it('yields the file in chunks of at most the chunk size, each one a fresh array the caller may keep (property)', async () => {
    const path = join(dir, 'bytes.bin');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5_000 }), fc.integer({ min: 1, max: 700 }), async (bytes, size) => {
        await writeFile(path, bytes);
        const chunks: Uint8Array[] = [];
        for await (const chunk of readFileChunks(path, size)) chunks.push(chunk);
        // Kept chunks still hold their own bytes: nothing was read into a reused buffer.
        expect(concat(chunks)).toEqual(bytes);
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(size);
        }
        expect(chunks.length).toBe(Math.ceil(bytes.length / size));
      }),
      { numRuns: 60, seed: 21 },
    );
  });

  it('reads a large file in default-sized chunks, takes a file URL, and stops when the caller stops', async () => {
    const path = join(dir, 'large.bin');
    const bytes = new Uint8Array(READ_CHUNK_BYTES * 2 + 17).map((_, index) => index % 251);
    await writeFile(path, bytes);
    const sizes: number[] = [];
    for await (const chunk of readFileChunks(pathToFileURL(path))) sizes.push(chunk.length);
    expect(sizes).toEqual([READ_CHUNK_BYTES, READ_CHUNK_BYTES, 17]);
    const iterator = readFileChunks(path);
    expect((await iterator.next()).value).toHaveLength(READ_CHUNK_BYTES);
    expect(await iterator.return(undefined)).toEqual({ done: true, value: undefined });
    await expect(readFileChunks(join(dir, 'missing.bin')).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
