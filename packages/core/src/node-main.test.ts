import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

it('the Node entry exports the main API and reads image file paths', async () => {
  const main = await import('./node-main.js');
  const web = await import('./index.js');
  expect(Object.keys(main).sort()).toEqual(Object.keys(web).sort());
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-node-main-'));
  try {
    await writeFile(join(dir, 'photo.png'), PNG);
    expect(await main.toImageUrl(join(dir, 'photo.png'))).toMatch(/^data:image\/png;base64,/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
