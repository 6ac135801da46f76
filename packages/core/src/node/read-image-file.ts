import { readFile } from 'node:fs/promises';

/** Reads an image file for `toImageUrl` (Node, and Bun and Deno through their `node:fs`). */
export async function readImageFile(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  return readFile(path, signal ? { signal } : {});
}
