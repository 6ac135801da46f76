import type { EncodingName } from '@switchboard/core';
import type { Tiktoken } from 'tiktoken/lite/init';
import { createTiktoken } from '../runtime/tiktoken-runtime.js';
import { mergeLongPiece } from './merge-long-piece.js';
import { pretokenizePattern } from './pretokenize-patterns.js';
import { loadRankTable, type RankTable } from './rank-table.js';
import { type SegmentOptions, segmentText } from './split-points.js';

/** How the encoder cuts text; the defaults are what the benchmarks settled on. */
export interface EncoderLimits {
  /** Text handed to tiktoken per call, in UTF-16 units (keeps WASM memory flat for any input size). */
  chunkChars: number;
  /** A stretch without a cheap split point longer than this goes through the pre-tokenizer in JavaScript. */
  gapChars: number;
  /** A pre-tokenizer match longer than this many UTF-8 bytes is merged here in O(n log n) instead of by tiktoken. */
  longPieceBytes: number;
  /**
   * A single match longer than this is merged in windows of this many bytes, so the merge's working memory stays
   * bounded (about 25 bytes per input byte). The only inexact case: such a match (megabytes without one split point,
   * which tiktoken itself would take hours on) can count about one token more per window than tiktoken would.
   */
  maxMergeBytes: number;
}

/**
 * The defaults: 256k-unit chunks (at most 768 KB of UTF-8 per tiktoken call); tiktoken never sees a match over
 * 1.5 KB, where its quadratic merge would pass a few milliseconds.
 */
export const DEFAULT_ENCODER_LIMITS: EncoderLimits = {
  chunkChars: 262_144,
  gapChars: 512,
  longPieceBytes: 1_536,
  maxMergeBytes: 1_048_576,
};

const utf8 = new TextEncoder();

/**
 * One encoding: tiktoken's `encode_ordinary` applied to exact split points of the text, so any input is tokenized in
 * bounded pieces (flat memory) and long unsplittable runs never reach tiktoken's quadratic merge. The tokens are
 * identical to `encode_ordinary(text)` on the whole text. Special-token strings such as `<|endoftext|>` are plain
 * text here, never an error.
 */
export class Encoder {
  private readonly tiktoken: Tiktoken;
  private readonly segmentOptions: SegmentOptions;
  private ranks: RankTable | undefined;
  private freed = false;

  constructor(
    /** The encoding's name. */
    readonly name: EncodingName,
    private readonly limits: EncoderLimits = DEFAULT_ENCODER_LIMITS,
  ) {
    this.tiktoken = createTiktoken(name);
    this.segmentOptions = {
      newlineRule: name === 'o200k_base' || name === 'cl100k_base',
      chunkChars: limits.chunkChars,
      gapChars: limits.gapChars,
    };
  }

  /** The number of tokens of `text`. */
  count(text: string): number {
    let total = 0;
    this.walk(text, {
      tokens: (tokens) => {
        total += tokens.length;
      },
    });
    return total;
  }

  /** The tokens of `text`, as `encode_ordinary` gives them. */
  encode(text: string): Uint32Array {
    const parts: ArrayLike<number>[] = [];
    let total = 0;
    this.walk(text, {
      tokens: (tokens) => {
        parts.push(tokens);
        total += tokens.length;
      },
    });
    if (parts.length === 1 && parts[0] instanceof Uint32Array) return parts[0];
    const result = new Uint32Array(total);
    let offset = 0;
    for (const part of parts) {
      result.set(part, offset);
      offset += part.length;
    }
    return result;
  }

  /** The text of `tokens`; a multi-byte character cut off at the end is dropped rather than garbled. */
  decode(tokens: Uint32Array): string {
    this.assertLive();
    return new TextDecoder().decode(this.tiktoken.decode(tokens), { stream: true });
  }

  /** Frees the WASM encoder and the rank table. The encoder cannot be used afterwards. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.ranks = undefined;
    this.tiktoken.free();
  }

  private walk(text: string, sink: { tokens(tokens: ArrayLike<number>): void }): void {
    this.assertLive();
    segmentText(text, this.segmentOptions, {
      plain: (start, end) => sink.tokens(this.tiktoken.encode_ordinary(text.slice(start, end))),
      long: (start, end) => this.walkLong(text.slice(start, end), sink),
    });
  }

  /**
   * A stretch with no cheap split point: find tiktoken's own matches with the pre-tokenizer, send runs of ordinary
   * matches to tiktoken and merge each huge match here.
   */
  private walkLong(stretch: string, sink: { tokens(tokens: ArrayLike<number>): void }): void {
    const pattern = pretokenizePattern(this.name);
    const { chunkChars, longPieceBytes } = this.limits;
    let groupStart = 0;
    for (let match = pattern.exec(stretch); match !== null; match = pattern.exec(stretch)) {
      const piece = match[0];
      const end = match.index + piece.length;
      if (piece.length * 3 > longPieceBytes) {
        const bytes = utf8.encode(piece);
        if (bytes.length > longPieceBytes) {
          if (match.index > groupStart)
            sink.tokens(this.tiktoken.encode_ordinary(stretch.slice(groupStart, match.index)));
          this.mergeInWindows(bytes, sink);
          groupStart = end;
          continue;
        }
      }
      if (end - groupStart >= chunkChars) {
        sink.tokens(this.tiktoken.encode_ordinary(stretch.slice(groupStart, end)));
        groupStart = end;
      }
    }
    if (groupStart < stretch.length) sink.tokens(this.tiktoken.encode_ordinary(stretch.slice(groupStart)));
  }

  /** Merges one long match, in windows of `maxMergeBytes` cut at character boundaries if it is longer. */
  private mergeInWindows(bytes: Uint8Array, sink: { tokens(tokens: ArrayLike<number>): void }): void {
    this.ranks ??= loadRankTable(this.name);
    const { maxMergeBytes } = this.limits;
    for (let start = 0; start < bytes.length; ) {
      let end = Math.min(bytes.length, start + maxMergeBytes);
      while (end < bytes.length && end > start + 1 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
      sink.tokens(mergeLongPiece(bytes.subarray(start, end), this.ranks));
      start = end;
    }
  }

  private assertLive(): void {
    if (this.freed) throw new Error(`The ${this.name} encoder was disposed.`);
  }
}
