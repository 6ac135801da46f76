import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEmbedding } from './decode-embedding.js';

function toBase64(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => {
    buffer.writeFloatLE(value, i * 4);
  });
  return buffer.toString('base64');
}

describe('decodeEmbedding', () => {
  it('decodes little-endian float32 base64 exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 64 }), (values) => {
        const decoded = decodeEmbedding(toBase64(values));
        expect(Array.from(decoded)).toEqual(values.map((v) => Math.fround(v)));
      }),
    );
  });

  it('returns a Float32Array that owns its memory', () => {
    const decoded = decodeEmbedding(toBase64([1, 2, 3]));
    expect(decoded).toBeInstanceOf(Float32Array);
    expect(decoded.byteOffset).toBe(0);
    expect(decoded.buffer.byteLength).toBe(12);
  });

  it('converts number arrays', () => {
    expect(Array.from(decodeEmbedding([0.5, -1]))).toEqual([0.5, -1]);
  });
});
