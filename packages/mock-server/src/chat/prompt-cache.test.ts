import { describe, expect, it } from 'vitest';
import { PromptCache } from './prompt-cache.js';

describe('PromptCache', () => {
  it('caches long prompts from the second time on, per model, and forgets the oldest when full', () => {
    const cache = new PromptCache(2);
    expect(cache.cachedTokens('m', 'a', 2000)).toBe(0);
    expect(cache.cachedTokens('m', 'a', 2000)).toBe(1920);
    expect(cache.cachedTokens('other', 'a', 2000)).toBe(0);
    expect(cache.cachedTokens('m', 'short', 100)).toBe(0);
    cache.cachedTokens('m', 'b', 1500);
    expect(cache.cachedTokens('m', 'a', 2000)).toBe(0);
  });
});
