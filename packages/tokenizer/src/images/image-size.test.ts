import { describe, expect, it } from 'vitest';
import {
  dataUrl,
  gifHeader,
  jpegHeader,
  pngHeader,
  webpExtendedHeader,
  webpLosslessHeader,
  webpLossyHeader,
} from './__fixtures__/image-headers.js';
import { imageSizeFromBytes, imageSizeFromDataUrl, imageSizeOf } from './image-size.js';

describe('imageSizeFromBytes', () => {
  it.each([
    ['PNG', pngHeader(1024, 768)],
    ['GIF', gifHeader(1024, 768)],
    ['JPEG', jpegHeader(1024, 768)],
    ['WebP lossy', webpLossyHeader(1024, 768)],
    ['WebP lossless', webpLosslessHeader(1024, 768)],
    ['WebP extended', webpExtendedHeader(1024, 768)],
  ])('reads the dimensions of a %s header', (_format, bytes) => {
    expect(imageSizeFromBytes(bytes)).toEqual({ width: 1024, height: 768 });
  });

  it('reads large dimensions', () => {
    expect(imageSizeFromBytes(pngHeader(40_000, 3))).toEqual({ width: 40_000, height: 3 });
    expect(imageSizeFromBytes(webpExtendedHeader(16_383, 9000))).toEqual({ width: 16_383, height: 9000 });
  });

  it('returns undefined for other or truncated bytes', () => {
    expect(imageSizeFromBytes(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(imageSizeFromBytes(pngHeader(10, 10).subarray(0, 20))).toBeUndefined();
    expect(imageSizeFromBytes(jpegHeader(10, 10).subarray(0, 30))).toBeUndefined();
    expect(imageSizeFromBytes(Uint8Array.from([0xff, 0xd8, 0x00, 0x00, ...new Array(20).fill(0)]))).toBeUndefined();
    expect(imageSizeFromBytes(pngHeader(0, 10))).toBeUndefined();
    const riffOther = webpLossyHeader(1, 1);
    riffOther.set([0x41, 0x4c, 0x50, 0x48], 12);
    expect(imageSizeFromBytes(riffOther)).toBeUndefined();
  });
});

describe('imageSizeFromDataUrl', () => {
  it('decodes only the head of a base64 data URL', () => {
    expect(imageSizeFromDataUrl(dataUrl('image/png', pngHeader(640, 480)))).toEqual({ width: 640, height: 480 });
  });

  it('decodes further when a JPEG frame header is far in', () => {
    const url = dataUrl('image/jpeg', jpegHeader(300, 200, 60_000));
    expect(imageSizeFromDataUrl(url)).toEqual({ width: 300, height: 200 });
  });

  it('gives up on non-base64 or comma-less URLs', () => {
    expect(imageSizeFromDataUrl('data:image/svg+xml,<svg/>')).toBeUndefined();
    expect(imageSizeFromDataUrl('data:nothing')).toBeUndefined();
  });
});

describe('imageSizeOf', () => {
  it('reads bytes, array buffers, data URLs and URL objects; not http URLs or paths', () => {
    const png = pngHeader(5, 6);
    expect(imageSizeOf(png)).toEqual({ width: 5, height: 6 });
    expect(imageSizeOf(png.slice().buffer)).toEqual({ width: 5, height: 6 });
    expect(imageSizeOf(new URL(dataUrl('image/png', png)))).toEqual({ width: 5, height: 6 });
    expect(imageSizeOf(dataUrl('image/png', png))).toEqual({ width: 5, height: 6 });
    expect(imageSizeOf('https://example.com/cat.png')).toBeUndefined();
    expect(imageSizeOf('cat.png')).toBeUndefined();
    expect(imageSizeOf({ path: 'cat.png' })).toBeUndefined();
  });
});
