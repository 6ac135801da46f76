import { readFile } from 'node:fs/promises';
import { AbortedError, type ImageSource, InvalidRequestError } from '@switchboard/core';
import { type ImageSize, imageSizeFromBytes, imageSizeOf } from '../images/image-size.js';

/**
 * The dimensions of an image source, reading a file path from disk if needed (http(s) URLs are not fetched: pass
 * their size to `countChatTokens` through `imageSize`). Throws InvalidRequestError when a file cannot be read;
 * resolves to undefined when the bytes are not a PNG, GIF, WebP or JPEG.
 */
export async function readImageSize(
  source: ImageSource,
  options: { signal?: AbortSignal } = {},
): Promise<ImageSize | undefined> {
  const known = imageSizeOf(source);
  if (known) return known;
  const path =
    typeof source === 'object' && 'path' in source
      ? source.path
      : typeof source === 'string' && !/^(https?:|data:)/i.test(source)
        ? source
        : undefined;
  if (path === undefined) return undefined;
  try {
    return imageSizeFromBytes(await readFile(path, { signal: options.signal }));
  } catch (error) {
    if (options.signal?.aborted)
      throw new AbortedError({ message: 'Reading the image size was aborted.', cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidRequestError({
      message: `Cannot read the image file ${JSON.stringify(path)}${code ? ` (${code})` : ''}.`,
      source: 'client',
      cause: error,
    });
  }
}
