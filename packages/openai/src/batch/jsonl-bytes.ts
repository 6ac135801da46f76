import type { BatchFileContent } from '@switchboard/core';
import { iterateStream } from '@switchboard/core/utils';

const FLUSH_CHARS = 64 * 1024;

/**
 * Turns upload content into bytes lazily: a byte stream passes through; strings are JSONL lines (a newline is added
 * where missing), gathered into ~64 KiB pieces. Nothing is read before the upload asks for it, so a file of any size
 * streams in constant memory.
 */
export async function* jsonlBytes(content: BatchFileContent): AsyncGenerator<Uint8Array, void, undefined> {
  if (content instanceof ReadableStream) {
    yield* iterateStream(content);
    return;
  }
  const encoder = new TextEncoder();
  let buffer = '';
  for await (const line of content) {
    buffer += line.endsWith('\n') ? line : `${line}\n`;
    if (buffer.length >= FLUSH_CHARS) {
      yield encoder.encode(buffer);
      buffer = '';
    }
  }
  if (buffer) yield encoder.encode(buffer);
}
