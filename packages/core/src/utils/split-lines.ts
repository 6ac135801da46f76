import { iterateStream } from './iterate-stream.js';

/** One line of a byte stream, without its line ending. */
export interface Line {
  /** The text, decoded as UTF-8, without `\n`, a trailing `\r`, or (on the first line) a byte-order mark. */
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
const BYTE_ORDER_MARK = '\uFEFF';
const encoder = new TextEncoder();
// `ignoreBOM` keeps a mark in the text, so only the one at the very start of the stream is dropped (below).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Splits a byte stream into lines (LF or CRLF) for JSONL and other line formats, without holding more than one line
 * and one chunk in memory; byte offsets let a reader resume or truncate at a line. Splitting on the `\n` byte is safe
 * for UTF-8: no multi-byte character contains it. A UTF-8 byte-order mark at the very start is dropped from the text
 * (editors on Windows write one), though it still counts in the byte offsets.
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
      const line = pending.length ? concat([...pending, piece], pendingBytes + piece.length) : piece;
      const byteLength = pendingBytes + piece.length + 1;
      yield { text: decodeLine(line, offset), offset, byteLength, terminated: true };
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
    yield {
      text: decodeLine(concat(pending, pendingBytes), offset),
      offset,
      byteLength: pendingBytes,
      terminated: false,
    };
  }
}

/**
 * The non-empty text lines of a `ReadableStream` body (a JSONL download, for example). Returning early cancels the
 * body, which closes the connection.
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  for await (const line of splitLines(iterateStream(body))) if (line.text) yield line.text;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function decodeLine(bytes: Uint8Array, offset: number): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  const text = decoder.decode(bytes.subarray(0, end));
  return offset === 0 && text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
