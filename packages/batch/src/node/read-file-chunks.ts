import { open } from 'node:fs/promises';

/**
 * Bytes read from a file at a time. Small enough that each chunk comes from the allocator's ordinary heap (a larger
 * one goes through `mmap`, and a stream of 1 MiB chunks kept ~60 MB of freed chunks resident while parsing a 200 MB
 * file), large enough that the per-read cost stays a small share of the work.
 */
export const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Streams a file's bytes, one read of at most `chunkBytes` at a time, and only as fast as the consumer pulls: memory
 * holds one chunk however large the file. Each chunk is a fresh array the consumer may keep. Returning early (or a
 * failure) closes the file.
 */
export async function* readFileChunks(
  path: string | URL,
  chunkBytes: number = READ_CHUNK_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const file = await open(path, 'r');
  try {
    while (true) {
      const chunk = new Uint8Array(chunkBytes);
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead < chunkBytes ? chunk.subarray(0, bytesRead) : chunk;
    }
  } finally {
    await file.close();
  }
}
