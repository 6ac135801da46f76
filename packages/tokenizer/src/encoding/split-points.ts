/**
 * Where a text can be cut into pieces that tokenize exactly as the whole does.
 *
 * tiktoken first splits text with a regular expression (the encoding's "pre-tokenizer") and then runs BPE on each
 * match separately, so cutting at a match boundary changes nothing, provided that both halves are split the same way
 * on their own. That holds at any match boundary: the patterns have no look-behind, and their only look-ahead,
 * `\s+(?!\S)`, accepts the end of the input as it accepts whitespace. Running the regex to find the boundaries would
 * cost as much as tokenizing, so these rules recognise boundaries from two neighbouring characters alone, using only
 * character classes whose Unicode properties never change (ASCII, CJK ideographs, kana, Hangul, fixed punctuation).
 */

/** Character classes the split rules look at. */
const OTHER = 0;
const SPACE = 1;
const NEWLINE = 2;
const WHITESPACE = 3;
const LETTER = 4;
const DIGIT = 5;
const PUNCT = 6;
const QUOTE = 7;
const SLASH = 8;
const CLASSES = 9;

const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) ASCII_CLASS[code] = asciiClass(code);

function asciiClass(code: number): number {
  if (code === 0x20) return SPACE;
  if (code === 0x0a) return NEWLINE;
  if (code >= 0x09 && code <= 0x0d) return WHITESPACE;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return LETTER;
  if (code >= 0x30 && code <= 0x39) return DIGIT;
  if (code === 0x27) return QUOTE;
  if (code === 0x2f) return SLASH;
  if (code > 0x20 && code < 0x7f) return PUNCT;
  return OTHER;
}

/** The class of a non-ASCII UTF-16 unit; surrogates and everything unlisted are OTHER (not whitespace). */
function wideClass(code: number): number {
  // Unicode White_Space (what `\s` means to the Rust regex inside tiktoken).
  if (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  ) {
    return WHITESPACE;
  }
  // Letters (Lo) since Unicode 2.0: CJK ideographs, hiragana, katakana, Hangul syllables.
  if (
    (code >= 0x4e00 && code <= 0x9fa5) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0xac00 && code <= 0xd7a3)
  ) {
    return LETTER;
  }
  // CJK punctuation (Po/Ps/Pe): 、。「」『』！（），：；？
  if (
    code === 0x3001 ||
    code === 0x3002 ||
    (code >= 0x300c && code <= 0x300f) ||
    code === 0xff01 ||
    code === 0xff08 ||
    code === 0xff09 ||
    code === 0xff0c ||
    code === 0xff1a ||
    code === 0xff1b ||
    code === 0xff1f
  ) {
    return PUNCT;
  }
  return OTHER;
}

/**
 * `table[before * CLASSES + after]` is 1 when a match of the pre-tokenizer always ends between a character of class
 * `before` and one of class `after`:
 * - before a space that follows a non-space: no piece continues from a non-space into a space;
 * - between letters and digits, letters and punctuation other than `'` (o200k glues contractions to the word),
 *   digits and anything not a digit, punctuation and digits: letter, number and punctuation pieces never mix;
 * - (cl100k and o200k only) after a newline, before anything but whitespace or `/`: their newline pieces never take
 *   more (o200k lets `/` trail a punctuation piece's newlines). r50k splits runs of newlines differently at the end
 *   of the input, so it does not get this rule.
 */
function splitTable(newlineRule: boolean): Uint8Array {
  const table = new Uint8Array(CLASSES * CLASSES);
  const allow = (before: number, after: number) => {
    table[before * CLASSES + after] = 1;
  };
  for (const before of [OTHER, LETTER, DIGIT, PUNCT, QUOTE, SLASH]) allow(before, SPACE);
  for (const after of [DIGIT, PUNCT, SLASH]) allow(LETTER, after);
  for (const after of [LETTER, PUNCT, SLASH, QUOTE]) allow(DIGIT, after);
  for (const before of [PUNCT, QUOTE, SLASH]) allow(before, DIGIT);
  if (newlineRule) for (const after of [OTHER, LETTER, DIGIT, PUNCT, QUOTE]) allow(NEWLINE, after);
  return table;
}

const WITH_NEWLINE_RULE = splitTable(true);
const WITHOUT_NEWLINE_RULE = splitTable(false);

/** Receives the pieces of a text, in order, as [start, end) offsets. */
export interface SegmentSink {
  /** A piece whose pre-tokenizer matches are all shorter than the gap limit: safe to hand to tiktoken as it is. */
  plain(start: number, end: number): void;
  /** A stretch with no recognisable split point longer than the gap limit: it may hold one huge match. */
  long(start: number, end: number): void;
}

/** How the text is cut. */
export interface SegmentOptions {
  /** Whether the encoding's pre-tokenizer has the `\s*[\r\n]+` rule (cl100k and o200k). */
  newlineRule: boolean;
  /** Target length of a plain piece, in UTF-16 units. */
  chunkChars: number;
  /** Longest stretch without a split point that still counts as plain, in UTF-16 units. */
  gapChars: number;
}

/**
 * Cuts `text` into plain pieces of about `chunkChars` at exact split points, and reports every stretch longer than
 * `gapChars` without a split point separately, so a caller can keep tiktoken's quadratic merge away from it.
 *
 * It only needs one split point per `gapChars` window, so it jumps: from the last split, it looks backwards from
 * `gapChars` further on for a space that follows a non-space (native `lastIndexOf`, a few characters in ordinary
 * text). Only where that fails does it apply the character rules, once per character, over the window. No
 * allocation; for ordinary text it reads a small fraction of the characters.
 */
export function segmentText(text: string, options: SegmentOptions, sink: SegmentSink): void {
  const length = text.length;
  const { chunkChars, gapChars } = options;
  if (length <= gapChars) {
    if (length > 0) sink.plain(0, length);
    return;
  }
  const table = options.newlineRule ? WITH_NEWLINE_RULE : WITHOUT_NEWLINE_RULE;
  const classAt = (index: number) => {
    const code = text.charCodeAt(index);
    return code < 128 ? (ASCII_CLASS[code] as number) : wideClass(code);
  };
  /** The last split point in (from, to], or -1; or with `first`, the first one in (from, length), or `length`. */
  const scanRules = (from: number, to: number, first: boolean) => {
    let found = -1;
    let previous = classAt(from);
    for (let index = from + 1; index <= to && index < length; index++) {
      const current = classAt(index);
      if (table[previous * CLASSES + current] === 1) {
        if (first) return index;
        found = index;
      }
      previous = current;
    }
    return first ? length : found;
  };
  let start = 0;
  let lastSplit = 0;
  while (lastSplit + gapChars < length) {
    const windowEnd = lastSplit + gapChars;
    let next = text.lastIndexOf(' ', windowEnd);
    while (next > lastSplit) {
      const before = classAt(next - 1);
      if (before !== SPACE && before !== NEWLINE && before !== WHITESPACE) break;
      next = text.lastIndexOf(' ', next - 1);
    }
    if (next <= lastSplit) next = scanRules(lastSplit, windowEnd, false);
    if (next < 0) {
      // No split point within gapChars: a long stretch, up to the next split point wherever it is.
      const end = scanRules(windowEnd, length, true);
      if (lastSplit > start) sink.plain(start, lastSplit);
      sink.long(lastSplit, end);
      start = end;
      lastSplit = end;
      continue;
    }
    if (next - start >= chunkChars) {
      sink.plain(start, next);
      start = next;
    }
    lastSplit = next;
  }
  if (start < length) sink.plain(start, length);
}
