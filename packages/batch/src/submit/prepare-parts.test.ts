import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchService } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchRequest } from '../types/batch-request.js';
import { prepareParts, writtenBefore } from './prepare-parts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-parts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const service = {
  buildRequestLine: (customId: string, request: { model: string }, url: string) => ({
    custom_id: customId,
    method: 'POST',
    url,
    body: { ...request },
  }),
} as unknown as BatchService;

const chat = (i: number, text = 'x'): BatchRequest => ({
  customId: `id${i}`,
  request: { model: 'm', messages: [{ role: 'user', content: text }] },
});

describe('prepareParts', () => {
  it('starts a new file before one would cross the byte limit, and counts bytes exactly', async () => {
    const lineBytes =
      Buffer.byteLength(JSON.stringify(service.buildRequestLine('id0', chat(0).request, '/v1/chat/completions'))) + 1;
    const { parts, fingerprint } = await prepareParts(
      service,
      [0, 1, 2, 3, 4].map((i) => chat(i)),
      join(dir, 'bytes'),
      {
        maxRequests: 100,
        maxBytes: lineBytes * 2,
      },
    );
    expect(parts.map((p) => p.requests)).toEqual([2, 2, 1]);
    expect(fingerprint).toMatch(/^5:/);
    for (const part of parts) expect((await stat(part.inputPath)).size).toBe(part.bytes);
    const lines = (await readFile(parts[0]?.inputPath as string, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      custom_id: 'id0',
      method: 'POST',
      url: '/v1/chat/completions',
    });
  });

  it('refuses a single request larger than a file may be, and duplicates', async () => {
    await expect(
      prepareParts(service, [chat(0, 'y'.repeat(500))], join(dir, 'big'), { maxRequests: 10, maxBytes: 100 }),
    ).rejects.toThrow(/more than the 100 bytes/);
    await expect(
      prepareParts(service, [chat(0), chat(0)], join(dir, 'dup'), { maxRequests: 10, maxBytes: 10_000 }),
    ).rejects.toThrow(/more than once/);
    await expect(
      prepareParts(service, [chat(0)], join(dir, 'abort'), {
        maxRequests: 10,
        maxBytes: 10_000,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('writtenBefore', () => {
  it('finds an id in a part written so far and not one that is missing (the exact check behind SeenIds)', async () => {
    const { parts } = await prepareParts(
      service,
      [0, 1, 2, 3].map((i) => chat(i)),
      join(dir, 'written'),
      {
        maxRequests: 2,
        maxBytes: 10_000,
      },
    );
    expect(parts).toHaveLength(2);
    expect(await writtenBefore('id3', parts, [])).toBe(true);
    expect(await writtenBefore('id0', parts, [])).toBe(true);
    expect(await writtenBefore('id9', parts, [])).toBe(false);
  });
});
