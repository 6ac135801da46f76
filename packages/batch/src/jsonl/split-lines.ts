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

/**
 * Splits a byte stream into lines without holding more than one line and one chunk in memory. Splitting on the
 * `\n` byte is safe for UTF-8: no multi-byte character contains it.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    let newline = buffer.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const piece = buffer.subarray(start, newline);
      const bytes = pending.length ? Buffer.concat([...pending, piece]) : piece;
      const byteLength = pendingBytes + piece.length + 1;
      yield { text: decode(bytes), offset, byteLength, terminated: true };
      offset += byteLength;
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      newline = buffer.indexOf(NEWLINE, start);
    }
    if (start < buffer.length) {
      // Copy: the stream may reuse the chunk's memory.
      pending.push(Buffer.from(buffer.subarray(start)));
      pendingBytes += buffer.length - start;
    }
  }
  if (pendingBytes > 0) {
    yield { text: decode(Buffer.concat(pending)), offset, byteLength: pendingBytes, terminated: false };
  }
}

function decode(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}
