import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ENCODING_NAMES } from './encoding-names.js';
import { isTokenId, vocabularyOf } from './vocabulary.js';

const require = createRequire(import.meta.url);

describe('vocabulary', () => {
  it.each(ENCODING_NAMES)('matches the rank file tiktoken ships for %s', (encoding) => {
    const file = require(`tiktoken/encoders/${encoding}.json`) as {
      bpe_ranks: string;
      special_tokens: Record<string, number>;
    };
    const fields = file.bpe_ranks.split(' ');
    const ranks: number[] = [];
    let rank = 0;
    for (let index = 0; index < fields.length; index++) {
      if (fields[index] === '!') rank = Number(fields[++index]);
      else ranks.push(rank++);
    }
    expect(ranks).toEqual(Array.from({ length: vocabularyOf(encoding).ordinary }, (_, id) => id));
    expect([...vocabularyOf(encoding).special].sort()).toEqual(Object.values(file.special_tokens).sort());
  });

  it('accepts ordinary and special ids only', () => {
    expect(isTokenId('o200k_base', 0)).toBe(true);
    expect(isTokenId('o200k_base', 199_997)).toBe(true);
    expect(isTokenId('o200k_base', 199_998)).toBe(false);
    expect(isTokenId('o200k_base', 200_018)).toBe(true);
    expect(isTokenId('cl100k_base', 100_261)).toBe(false);
    expect(isTokenId('r50k_base', 50_256)).toBe(true);
    expect(isTokenId('r50k_base', -1)).toBe(false);
    expect(isTokenId('r50k_base', 0.5)).toBe(false);
  });
});
