import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { utf8Length } from './utf8-length.js';

describe('bytes helpers', () => {
  it('counts UTF-8 bytes as TextEncoder does (property)', () => {
    const encoder = new TextEncoder();
    expect(utf8Length('a\u00e9\u4e2d\ud83d\ude00\ud800x')).toBe(
      encoder.encode('a\u00e9\u4e2d\ud83d\ude00\ud800x').length,
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('round-trips base64 as Node does, across the slice size (property)', () => {
    const large = new Uint8Array(0x8000 * 2 + 5).map((_, index) => index * 7);
    expect(base64ToBytes(bytesToBase64(large))).toEqual(large);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = bytesToBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(encoded)).toEqual(bytes);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
