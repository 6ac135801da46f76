/** Tokenizer operations the truncation needs, in one encoding. */
export interface TextCodec {
  encode(text: string): Uint32Array;
  decode(tokens: Uint32Array): string;
  count(text: string): number;
}

/** Attempts at shortening before giving up; each one re-tokenizes the cut text. */
const MAX_ATTEMPTS = 8;

/**
 * The longest start of `text` that takes at most `maxTokens` tokens. Cuts at a token boundary and re-counts, since
 * a cut text can tokenize slightly differently at its end; never splits a character.
 */
export function truncateText(text: string, maxTokens: number, codec: TextCodec): string {
  if (maxTokens <= 0) return '';
  const tokens = codec.encode(text);
  if (tokens.length <= maxTokens) return text;
  let keep = maxTokens;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && keep > 0; attempt++) {
    const candidate = codec.decode(tokens.subarray(0, keep));
    const counted = codec.count(candidate);
    if (counted <= maxTokens) return candidate;
    keep -= Math.max(1, counted - maxTokens);
  }
  return '';
}
