import { InvalidRequestError } from '../errors/error-classes.js';
import type { ImageSource } from '../types/chat-request.js';
import { bytesToBase64 } from '../utils/base64.js';

/** Reads a file's bytes; on Node, Bun and Deno the package's Node entry provides one. */
export type ReadImageFile = (path: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** Options of `toImageUrl`. */
export interface ToImageUrlOptions {
  /** The MIME type when the bytes do not say (a format other than PNG, JPEG, GIF or WebP). */
  mimeType?: string;
  /** Cancels a file read. */
  signal?: AbortSignal;
  /**
   * Reads file paths. Defaults to the platform's reader: on Node, Bun and Deno the package's `node` export condition
   * installs one (`node:fs`); in browsers, workers and browser bundles there is none, and a path is refused.
   */
  readFile?: ReadImageFile;
}

let platformReadFile: ReadImageFile | undefined;

/**
 * Installs the file reader `toImageUrl` uses when the call passes none. Called once by the Node entry
 * (`dist/node-main.js`, what `import '@switchboard/core'` resolves to under the `node` condition).
 */
export function setPlatformImageReader(reader: ReadImageFile | undefined): void {
  platformReadFile = reader;
}

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
 * Turns any image source into what the API accepts: http(s) and data URLs pass through; bytes become data URLs with
 * the MIME type sniffed from the bytes (or taken from `mimeType`); file paths are read with `options.readFile` or the
 * platform's reader (Node, Bun, Deno), their type falling back to the file extension.
 */
export async function toImageUrl(source: ImageSource, options: ToImageUrlOptions = {}): Promise<string> {
  if (source instanceof URL) return source.href;
  if (typeof source === 'string' && /^(https?:|data:)/i.test(source)) return source;
  if (typeof source === 'string' || (typeof source === 'object' && 'path' in source)) {
    const path = typeof source === 'string' ? source : source.path;
    const readFile = options.readFile ?? platformReadFile;
    if (!readFile) {
      throw new InvalidRequestError({
        message: `The image ${JSON.stringify(path)} is a file path, and this runtime has no file system (a browser, worker or browser bundle): pass the image's bytes or a URL.`,
        source: 'client',
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path, options.signal);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new InvalidRequestError({
        message: `Cannot read the image file ${JSON.stringify(path)}${typeof code === 'string' ? ` (${code})` : ''}.`,
        source: 'client',
        cause: error,
      });
    }
    return bytesToDataUrl(bytes, options.mimeType ?? EXTENSION_TYPES[extensionOf(path)]);
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
  return `data:${mimeType};base64,${bytesToBase64(bytes)}`;
}

/** The lower-case extension of a path, dot included (`.png`), for POSIX and Windows separators. */
function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
