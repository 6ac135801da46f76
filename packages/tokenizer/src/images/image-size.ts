import type { ImageSource } from '@switchboard/core';

/** Pixel dimensions of an image. */
export interface ImageSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** Base64 characters decoded first from a data URL; enough for the header of any PNG, GIF, WebP or most JPEGs. */
const DATA_URL_HEAD = 65_536;

/**
 * The dimensions in a PNG, GIF, WebP or JPEG header, or undefined when the bytes are none of those (or are cut off
 * before the dimensions). Reads only the header.
 */
export function imageSizeFromBytes(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes.length >= 24 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG' && ascii(12, 16) === 'IHDR') {
    return sized(view.getUint32(16), view.getUint32(20));
  }
  if (bytes.length >= 10 && ascii(0, 4) === 'GIF8') return sized(view.getUint16(6, true), view.getUint16(8, true));
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return webpSize(bytes, view);
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  return undefined;
}

function sized(width: number, height: number): ImageSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') return sized(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    const width = (bytes[24] as number) | ((bytes[25] as number) << 8) | ((bytes[26] as number) << 16);
    const height = (bytes[27] as number) | ((bytes[28] as number) << 8) | ((bytes[29] as number) << 16);
    return sized(width + 1, height + 1);
  }
  return undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the dimensions. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return sized(view.getUint16(offset + 7), view.getUint16(offset + 5));
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      offset += 2; // markers without a length
      continue;
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

/** The dimensions of a `data:image/...;base64,` URL, decoding only as much as needed; undefined if unreadable. */
export function imageSizeFromDataUrl(url: string): ImageSize | undefined {
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).toLowerCase().endsWith(';base64')) return undefined;
  const data = url.slice(comma + 1);
  const head = imageSizeFromBytes(decodeBase64(data.slice(0, DATA_URL_HEAD)));
  if (head || data.length <= DATA_URL_HEAD) return head;
  return imageSizeFromBytes(decodeBase64(data));
}

/**
 * The dimensions of an image source without any I/O: bytes and data URLs are read; http(s) URLs and file paths are
 * unknown (undefined). See `readImageSize` for files.
 */
export function imageSizeOf(source: ImageSource): ImageSize | undefined {
  if (source instanceof Uint8Array) return imageSizeFromBytes(source);
  if (source instanceof ArrayBuffer) return imageSizeFromBytes(new Uint8Array(source));
  const url = source instanceof URL ? source.href : typeof source === 'string' ? source : undefined;
  if (url?.startsWith('data:')) return imageSizeFromDataUrl(url);
  return undefined;
}

/** Decodes base64 with `atob` (every runtime has it), ignoring a cut-off final group as Node's decoder does. */
function decodeBase64(data: string): Uint8Array {
  const clean = data.replace(/[^A-Za-z0-9+/]/g, '');
  let binary: string;
  try {
    binary = atob(clean.slice(0, clean.length - (clean.length % 4)) + tailGroup(clean));
  } catch {
    return new Uint8Array(0);
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The last partial group of 2 or 3 characters, padded; a single leftover character carries no whole byte. */
function tailGroup(clean: string): string {
  const rest = clean.length % 4;
  return rest < 2 ? '' : clean.slice(clean.length - rest).padEnd(4, '=');
}
