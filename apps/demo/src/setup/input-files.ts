import { readFile } from 'node:fs/promises';
import { sniffImageType } from '@switchboard/core';
import { DemoError } from '../cli/demo-error.js';

/** Reads a file the user named; a missing or unreadable one becomes a DemoError that says what to do. */
export async function readInputFile(path: string, what: string, signal?: AbortSignal): Promise<Buffer> {
  try {
    return await readFile(path, signal ? { signal } : {});
  } catch (error) {
    throw fileError(error, path, what);
  }
}

/** A DemoError for a file that cannot be read (or the error itself when it is not a file problem). */
export function fileError(error: unknown, path: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new DemoError(`The ${what} ${path} does not exist.`, 'Check the path.');
  if (code === 'EISDIR') return new DemoError(`The ${what} ${path} is a folder.`, 'Give the path of a file.');
  if (code === 'EACCES' || code === 'EPERM') {
    return new DemoError(`The ${what} ${path} cannot be read (permission denied).`, 'Check its permissions.');
  }
  return error;
}

/** Reads an image file and checks that it is a PNG, JPEG, GIF or WebP, so a wrong file fails before any call. */
export async function readImageFile(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  const bytes = await readInputFile(path, 'image', signal);
  if (!sniffImageType(bytes)) {
    throw new DemoError(
      `${path} is not a PNG, JPEG, GIF or WebP image.`,
      'Give an image file in one of those formats, or an http(s) URL.',
    );
  }
  return bytes;
}
