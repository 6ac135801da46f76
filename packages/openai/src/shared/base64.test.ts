import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64.js';

describe('base64', () => {
  it('round-trips any bytes, large ones too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
      }),
      { seed: 42 },
    );
    const large = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(base64ToBytes(bytesToBase64(large))).toEqual(large);
  });

  it('matches the standard alphabet', () => {
    expect(bytesToBase64(new TextEncoder().encode('hello?>'))).toBe('aGVsbG8/Pg==');
    expect(new TextDecoder().decode(base64ToBytes('aGVsbG8/Pg=='))).toBe('hello?>');
  });
});
