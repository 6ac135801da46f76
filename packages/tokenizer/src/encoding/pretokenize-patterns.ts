import type { EncodingName } from '@switchboard/core';

/**
 * The encodings' pre-tokenizer regular expressions (the `pat_str` shipped in tiktoken's `encoders/*.json`), written
 * for JavaScript. Two differences need care: Rust's `\s` is Unicode White_Space, which JavaScript's `\s` is not
 * (it adds U+FEFF and lacks U+0085), so whitespace is spelled out; and Node 20 has no `(?i:...)` groups, so the
 * case-insensitive contractions are spelled out too (Unicode case folding adds only `ſ` for `s`).
 * Used only on stretches of text without a cheap split point, to find where tiktoken's matches end.
 */
const WS = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const S = `[${WS}]`;
const NOT_S = `[^${WS}]`;
const CONTRACTION = "'(?:[sSſdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])";
const UPPER = '[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]';
const LOWER = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]';
const PREFIX = '[^\\r\\n\\p{L}\\p{N}]';
const PUNCT_RUN = `[^${WS}\\p{L}\\p{N}]+`;

const SOURCES: Record<EncodingName, string> = {
  o200k_base: [
    `${PREFIX}?${UPPER}*${LOWER}+(?:${CONTRACTION})?`,
    `${PREFIX}?${UPPER}+${LOWER}*(?:${CONTRACTION})?`,
    '\\p{N}{1,3}',
    ` ?${PUNCT_RUN}[\\r\\n/]*`,
    `${S}*[\\r\\n]+`,
    `${S}+(?!${NOT_S})`,
    `${S}+`,
  ].join('|'),
  cl100k_base: [
    CONTRACTION,
    `${PREFIX}?\\p{L}+`,
    '\\p{N}{1,3}',
    ` ?${PUNCT_RUN}[\\r\\n]*`,
    `${S}*[\\r\\n]+`,
    `${S}+(?!${NOT_S})`,
    `${S}+`,
  ].join('|'),
  p50k_base: gpt2Pattern(),
  r50k_base: gpt2Pattern(),
};

/** r50k and p50k share GPT-2's pattern, whose contractions are case-sensitive. */
function gpt2Pattern(): string {
  return ["'s|'t|'re|'ve|'m|'ll|'d", ' ?\\p{L}+', ' ?\\p{N}+', ` ?${PUNCT_RUN}`, `${S}+(?!${NOT_S})`, `${S}+`].join(
    '|',
  );
}

/** A fresh global regex for the encoding's pre-tokenizer (fresh, because a global regex carries `lastIndex`). */
export function pretokenizePattern(encoding: EncodingName): RegExp {
  return new RegExp(SOURCES[encoding], 'gu');
}
