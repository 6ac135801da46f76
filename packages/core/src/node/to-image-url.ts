import { type ToImageUrlOptions, toImageUrl as toImageUrlWeb } from '../helpers/image-input.js';
import type { ImageSource } from '../types/chat-request.js';
import { readImageFile } from './read-image-file.js';

/**
 * Core's `toImageUrl` with file paths read from disk (`readImageFile`): http(s) and data URLs pass through; bytes and
 * file paths become data URLs, the MIME type sniffed from the bytes, else `mimeType`, else the file extension.
 */
export function toImageUrl(source: ImageSource, options: ToImageUrlOptions = {}): Promise<string> {
  return toImageUrlWeb(source, { readFile: readImageFile, ...options });
}
