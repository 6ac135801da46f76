/** One line of a byte stream, without its line ending. */
export interface Line {
  /** The text, decoded as UTF-8, without `\n` or a trailing `\r`. */
  text: string;
  /** Byte offset of the line's first byte in the stream. */
  offset: number;
  /** Bytes the line takes in the stream, its `\n` included. */
  byteLength: number;
  /** False for a last line with no `\n` after it (a torn write, or a file without a final newline). */
  terminated: boolean;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const encoder = new TextEncoder();
// The byte-order mark is kept: only the reader of a whole file knows whether a line is the file's first.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Splits a byte stream into lines without holding more than one line and one chunk in memory. Splitting on the
 * `\n` byte is safe for UTF-8: no multi-byte character contains it. Web-standard bytes and text decoding only.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Line> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    let start = 0;
    let newline = bytes.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const piece = bytes.subarray(start, newline);
      const line = pending.length ? concat(pending, pendingBytes, piece) : piece;
      const byteLength = pendingBytes + piece.length + 1;
      yield { text: decode(line), offset, byteLength, terminated: true };
      offset += byteLength;
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      newline = bytes.indexOf(NEWLINE, start);
    }
    if (start < bytes.length) {
      // Copy: the stream may reuse the chunk's memory.
      pending.push(bytes.slice(start));
      pendingBytes += bytes.length - start;
    }
  }
  if (pendingBytes > 0) {
    yield { text: decode(concat(pending, pendingBytes)), offset, byteLength: pendingBytes, terminated: false };
  }
}

function concat(parts: Uint8Array[], partsBytes: number, last?: Uint8Array): Uint8Array {
  const joined = new Uint8Array(partsBytes + (last?.length ?? 0));
  let position = 0;
  for (const part of parts) {
    joined.set(part, position);
    position += part.length;
  }
  if (last) joined.set(last, position);
  return joined;
}

function decode(bytes: Uint8Array): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  return decoder.decode(bytes.subarray(0, end));
}
