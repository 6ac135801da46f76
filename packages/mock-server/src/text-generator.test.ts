import { describe, expect, it } from 'vitest';
import { createRandom, estimateTokens, generateAnswerTokens, hashString, splitIntoTokens } from './text-generator.js';

describe('text generator', () => {
  it('is deterministic per prompt, seed and index, and echoes the prompt without trigger phrases', () => {
    const first = generateAnswerTokens({ prompt: 'Tell me about [mock:refuse] lanterns', seed: 1 });
    expect(generateAnswerTokens({ prompt: 'Tell me about [mock:refuse] lanterns', seed: 1 })).toBe(first);
    expect(first.join('')).toMatch(/^Mock answer about Tell me about lanterns:/);
    expect(first.join('')).not.toContain('mock:');
    expect(generateAnswerTokens({ prompt: 'Tell me about lanterns', seed: 2 }).join('')).not.toBe(first.join(''));
    expect(generateAnswerTokens({ prompt: 'x', seed: 1, index: 1 }).join('')).not.toBe(
      generateAnswerTokens({ prompt: 'x', seed: 1 }).join(''),
    );
    const bounded = generateAnswerTokens({ prompt: '', seed: 3, minTokens: 5, maxTokens: 5 });
    expect(bounded).toHaveLength(5);
    expect(bounded.at(-1)).toBe('.');
  });

  it('keeps its cache bounded', () => {
    for (let i = 0; i < 600; i++) generateAnswerTokens({ prompt: `prompt ${i}`, seed: 0 });
    expect(generateAnswerTokens({ prompt: 'prompt 0', seed: 0 }).join('')).toContain('prompt 0');
  });

  it('hashes, draws numbers in [0, 1), estimates tokens and splits text', () => {
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(hashString('a', 1)).not.toBe(hashString('a', 2));
    const random = createRandom(5);
    for (let i = 0; i < 100; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(splitIntoTokens('{"a": "bcdefghijkl"}').join('')).toBe('{"a": "bcdefghijkl"}');
    expect(splitIntoTokens('')).toEqual([]);
    expect(splitIntoTokens('   ')).toEqual(['   ']);
  });
});
