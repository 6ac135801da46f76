import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidRequestError } from '../errors/error-classes.js';
import type { ImageSource } from '../types/chat-request.js';

const EXTENSION_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** The image MIME type from the first bytes (PNG, JPEG, GIF, WebP), or undefined. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Turns any image source into what the API accepts: http(s) and data URLs pass through; bytes and file paths become
 * data URLs with the MIME type sniffed from the bytes (or taken from `mimeType`, or the file extension).
 */
export async function toImageUrl(
  source: ImageSource,
  options: { mimeType?: string; signal?: AbortSignal } = {},
): Promise<string> {
  if (source instanceof URL) return source.href;
  if (typeof source === 'string' && /^(https?:|data:)/i.test(source)) return source;
  if (typeof source === 'string' || (typeof source === 'object' && 'path' in source)) {
    const path = typeof source === 'string' ? source : source.path;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path, { signal: options.signal });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidRequestError({
        message: `Cannot read the image file ${JSON.stringify(path)}${code ? ` (${code})` : ''}.`,
        source: 'client',
        cause: error,
      });
    }
    return bytesToDataUrl(bytes, options.mimeType ?? EXTENSION_TYPES[extname(path).toLowerCase()]);
  }
  return bytesToDataUrl(source instanceof ArrayBuffer ? new Uint8Array(source) : source, options.mimeType);
}

function bytesToDataUrl(bytes: Uint8Array, fallbackType: string | undefined): string {
  const mimeType = sniffImageType(bytes) ?? fallbackType;
  if (!mimeType) {
    throw new InvalidRequestError({
      message: 'The image is not a PNG, JPEG, GIF or WebP file; pass mimeType if it is another supported format.',
      source: 'client',
    });
  }
  return `data:${mimeType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
