import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderPng } from './png.js';
import { BlobStore } from './server/blob-store.js';

describe('renderPng', () => {
  it('writes a valid RGB PNG: signature, IHDR, CRCs, inflatable IDAT of the right size', () => {
    const png = renderPng(7, 3, 0xdeadbeef);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    let offset = 8;
    const chunks: Record<string, Buffer> = {};
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.subarray(offset + 4, offset + 8).toString('latin1');
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      chunks[type] = data;
      offset += 12 + length;
    }
    expect(Object.keys(chunks)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.IHDR?.readUInt32BE(0)).toBe(7);
    expect(chunks.IHDR?.readUInt32BE(4)).toBe(3);
    expect(inflateSync(chunks.IDAT as Buffer).length).toBe(3 * (7 * 3 + 1));
    expect(renderPng(7, 3, 1).equals(png)).toBe(false);
  });
});

describe('BlobStore', () => {
  it('drops the oldest blob when full', () => {
    const store = new BlobStore(2);
    store.set('a', Buffer.from('a'));
    store.set('b', Buffer.from('b'));
    store.set('c', Buffer.from('c'));
    expect(store.get('a')).toBeUndefined();
    expect(store.get('c')?.toString()).toBe('c');
  });
});
