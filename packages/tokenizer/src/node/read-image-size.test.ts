import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSwitchboardError } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gifHeader, pngHeader } from '../images/__fixtures__/image-headers.js';
import { readImageSize } from './read-image-size.js';

describe('readImageSize', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-tokenizer-'));
    await writeFile(join(dir, 'a.gif'), gifHeader(32, 64));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file path, as a string or a path object', async () => {
    await expect(readImageSize(join(dir, 'a.gif'))).resolves.toEqual({ width: 32, height: 64 });
    await expect(readImageSize({ path: join(dir, 'a.gif') })).resolves.toEqual({ width: 32, height: 64 });
  });

  it('resolves bytes without I/O and leaves http URLs unknown', async () => {
    await expect(readImageSize(pngHeader(1, 2))).resolves.toEqual({ width: 1, height: 2 });
    await expect(readImageSize('https://example.com/x.png')).resolves.toBeUndefined();
  });

  it('throws a typed error for a missing file, and an aborted error when aborted', async () => {
    const missing = readImageSize(join(dir, 'missing.png'));
    await expect(missing).rejects.toMatchObject({ code: 'invalid-request' });
    await missing.catch((error) => expect(isSwitchboardError(error)).toBe(true));
    const controller = new AbortController();
    controller.abort();
    await expect(readImageSize(join(dir, 'a.gif'), { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
