import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageUrl, imageUrlSync } from './image-url.js';

const GIF = new TextEncoder().encode('GIF89a....');

describe('imageUrlSync', () => {
  it('passes URLs and data URLs through', () => {
    expect(imageUrlSync('https://x/y.png')).toBe('https://x/y.png');
    expect(imageUrlSync('data:image/png;base64,AA==')).toBe('data:image/png;base64,AA==');
    expect(imageUrlSync(new URL('http://x/z.jpg'))).toBe('http://x/z.jpg');
  });

  it('turns bytes into a data URL with the sniffed type', () => {
    expect(imageUrlSync(GIF)).toMatch(/^data:image\/gif;base64,/);
    expect(imageUrlSync(GIF.buffer as ArrayBuffer)).toMatch(/^data:image\/gif;base64,/);
  });

  it('uses the given MIME type for bytes it cannot sniff, and refuses without one', () => {
    expect(imageUrlSync(new Uint8Array([1, 2]), 'image/avif')).toBe('data:image/avif;base64,AQI=');
    expect(() => imageUrlSync(new Uint8Array([1, 2]))).toThrow(/not a PNG, JPEG, GIF or WebP/);
  });

  it('refuses file paths, which need an async read', () => {
    expect(() => imageUrlSync('./cat.png')).toThrow(/file path must be read first/);
    expect(() => imageUrlSync({ path: 'cat.png' })).toThrow(/file path/);
  });
});

describe('imageUrl', () => {
  it('reads files, and reports a missing one clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-image-'));
    try {
      const path = join(dir, 'a.gif');
      await writeFile(path, GIF);
      expect(await imageUrl(path, undefined)).toMatch(/^data:image\/gif;base64,/);
      expect(await imageUrl({ path }, 'image/gif', AbortSignal.timeout(5_000))).toMatch(/^data:image\/gif/);
      await expect(imageUrl(join(dir, 'missing.png'), undefined)).rejects.toMatchObject({ code: 'invalid-request' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
