import type { EncodingName } from '@switchboard/core';

/**
 * The ids each encoding can decode: ordinary tokens `0 … ordinary - 1` and the special tokens. Taken from tiktoken's
 * rank files (`encoders/<name>.json`; a test checks them). tiktoken's decoder traps on any other id and leaves the
 * encoder unusable, so ids are checked here first.
 */
const VOCABULARY: Record<EncodingName, { ordinary: number; special: readonly number[] }> = {
  o200k_base: { ordinary: 199_998, special: [199_999, 200_018] },
  cl100k_base: { ordinary: 100_256, special: [100_257, 100_258, 100_259, 100_260, 100_276] },
  p50k_base: { ordinary: 50_281, special: [50_256] },
  r50k_base: { ordinary: 50_256, special: [50_256] },
};

/** Whether `id` is a token of `encoding`. */
export function isTokenId(encoding: EncodingName, id: number): boolean {
  const { ordinary, special } = VOCABULARY[encoding];
  return Number.isInteger(id) && id >= 0 && (id < ordinary || special.includes(id));
}

/** The ordinary token count and special ids of `encoding` (for tests). */
export function vocabularyOf(encoding: EncodingName): { ordinary: number; special: readonly number[] } {
  return VOCABULARY[encoding];
}
