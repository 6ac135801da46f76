import { type ImageSource, InvalidRequestError, sniffImageType, toImageUrl } from '@switchboard/core';
import { bytesToBase64 } from '@switchboard/core/utils';

const REMOTE_OR_DATA = /^(https?:|data:)/i;

/** True for sources that need no file read: URLs, data URLs and bytes. */
function isPathSource(source: ImageSource): boolean {
  if (typeof source === 'string') return !REMOTE_OR_DATA.test(source);
  return typeof source === 'object' && source !== null && 'path' in source && !(source instanceof URL);
}

/**
 * The image as a URL without touching the file system: http(s) and data URLs pass through, bytes become a data URL
 * with the sniffed MIME type. File paths need `toImageUrl` (async) first; here they are an error.
 */
export function imageUrlSync(source: ImageSource, mimeType?: string): string {
  if (source instanceof URL) return source.href;
  if (isPathSource(source)) {
    throw new InvalidRequestError({
      message: 'An image given as a file path must be read first (pass a URL, a data URL or bytes here).',
      source: 'client',
    });
  }
  if (typeof source === 'string') return source;
  const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : (source as Uint8Array);
  const type = sniffImageType(bytes) ?? mimeType;
  if (!type) {
    throw new InvalidRequestError({
      message: 'The image is not a PNG, JPEG, GIF or WebP file; pass mimeType if it is another supported format.',
      source: 'client',
    });
  }
  return `data:${type};base64,${bytesToBase64(bytes)}`;
}

/**
 * The image as a URL (core's `toImageUrl`): a file path is read where the runtime has a file system (core's Node entry
 * installs the reader on Node, Bun and Deno); in browsers and workers a path is refused with core's error.
 */
export async function imageUrl(
  source: ImageSource,
  mimeType: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  return toImageUrl(source, { ...(mimeType ? { mimeType } : {}), ...(signal ? { signal } : {}) });
}
