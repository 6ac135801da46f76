import { AbortedError, ParseError } from '@switchboard/core';
import { batchPlatform } from '../platform/batch-platform.js';
import { type Line, splitLines } from './split-lines.js';

/** A source of JSONL text: an async iterable of bytes or text, or a file path (Node entry only). */
export type JsonlSource = string | URL | AsyncIterable<Uint8Array | string>;

/** Options of {@link readJsonlLines} and {@link readJsonl}. */
export interface ReadJsonlOptions {
  /** Stops reading and closes the file. */
  signal?: AbortSignal;
}

/** A non-empty line of a JSONL source with its 1-based line number. */
export interface NumberedLine {
  /** The line's text. */
  text: string;
  /** 1-based line number in the source. */
  lineNumber: number;
}

const BYTE_ORDER_MARK = 0xfeff;

/** Streams the non-empty lines of a JSONL source, one at a time (memory stays flat however large the file). */
export async function* readJsonlLines(
  source: JsonlSource,
  options: ReadJsonlOptions = {},
): AsyncGenerator<NumberedLine> {
  let lineNumber = 0;
  for await (const line of linesOf(source)) {
    lineNumber += 1;
    const text = contentOf(line, lineNumber, options.signal);
    if (text !== undefined) yield { text, lineNumber };
  }
}

/** Streams the parsed values of a JSONL source; a line that is not JSON throws a `ParseError` naming its number. */
export async function* readJsonl(source: JsonlSource, options: ReadJsonlOptions = {}): AsyncGenerator<unknown> {
  // Its own loop over the lines rather than one over readJsonlLines: each generator layer costs a few promise turns
  // per line, a visible share of parsing a large Batch API output file.
  let lineNumber = 0;
  for await (const line of linesOf(source)) {
    lineNumber += 1;
    const text = contentOf(line, lineNumber, options.signal);
    if (text !== undefined) yield parseJsonLine(text, lineNumber);
  }
}

/** The JSON text of a line, or undefined for a blank one; throws once `signal` has aborted. */
function contentOf(line: Line, lineNumber: number, signal: AbortSignal | undefined): string | undefined {
  if (signal?.aborted) throw new AbortedError({ message: 'Reading the JSONL input was aborted.' });
  // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the first line's JSON.
  const text = lineNumber === 1 && line.text.charCodeAt(0) === BYTE_ORDER_MARK ? line.text.slice(1) : line.text;
  return isBlank(text) ? undefined : text;
}

/** True when `text` is empty or only whitespace (checked without copying the line, which `trim()` may do). */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d && code !== 0x0a && code !== 0x0b && code !== 0x0c) {
      return code > 0x7f ? text.trim() === '' : false;
    }
  }
  return true;
}

/** Parses one JSONL line or throws a `ParseError` naming the line. */
export function parseJsonLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ParseError({ message: `Line ${lineNumber} is not valid JSON`, raw: text, source: 'client', cause });
  }
}

/** The lines of a source (called inside a generator, so a missing platform fails on the first read, not before). */
function linesOf(source: JsonlSource): AsyncIterable<Line> {
  if (typeof source !== 'string' && !(source instanceof URL)) return splitLines(source);
  return splitLines(batchPlatform('Reading JSONL from a file path', 'source').readFile(source));
}
