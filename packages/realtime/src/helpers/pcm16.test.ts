import { InvalidRequestError } from '@switchboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './base64.js';
import { chunkPcm16, pcm16Bytes } from './pcm16.js';

describe('PCM16 helpers', () => {
  it('takes samples or bytes and writes samples little-endian whatever the platform', () => {
    const samples = new Int16Array([1, -2, 0x1234]);
    const expected = [1, 0, 0xfe, 0xff, 0x34, 0x12];
    expect([...pcm16Bytes(samples)]).toEqual(expected);
    expect([...pcm16Bytes(samples, false)]).toEqual(expected);
    expect([...pcm16Bytes(new Uint8Array([1, 2]))]).toEqual([1, 2]);
    expect([...pcm16Bytes(new Uint8Array([3, 4]).buffer)]).toEqual([3, 4]);
    expect(() => pcm16Bytes(new Uint8Array(3))).toThrow(InvalidRequestError);
  });

  it('chunks on whole samples and loses nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 97 }), (samples, chunk) => {
        const bytes = new Uint8Array(samples * 2).map((_, index) => index % 251);
        const chunks = chunkPcm16(bytes, chunk);
        const joined = new Uint8Array(chunks.flatMap((part) => [...part]));
        return (
          chunks.every((part) => part.byteLength % 2 === 0) && joined.every((value, index) => value === bytes[index])
        );
      }),
    );
  });

  it('round-trips base64 on Node and without Buffer', () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 7) % 256);
    const text = toBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(text)).toEqual(bytes);
    const saved = globalThis.Buffer;
    try {
      // @ts-expect-error simulating a platform without Buffer
      delete globalThis.Buffer;
      expect(toBase64(bytes)).toBe(text);
      expect(fromBase64(text)).toEqual(bytes);
    } finally {
      globalThis.Buffer = saved;
    }
  });
});
