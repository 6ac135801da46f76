import { describe, expect, it } from 'vitest';
import { mapUsage } from './map-usage.js';

describe('mapUsage', () => {
  it('maps counts with cached and reasoning tokens', () => {
    expect(
      mapUsage({
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 150,
        prompt_tokens_details: { cached_tokens: 64 },
        completion_tokens_details: { reasoning_tokens: 32 },
      }),
    ).toEqual({ inputTokens: 100, outputTokens: 50, totalTokens: 150, cachedInputTokens: 64, reasoningTokens: 32 });
  });

  it('fills gaps and leaves unknown details out', () => {
    expect(mapUsage({ prompt_tokens: 3, completion_tokens_details: null })).toEqual({
      inputTokens: 3,
      outputTokens: 0,
      totalTokens: 3,
    });
    expect(mapUsage({})).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(mapUsage(null)).toBeUndefined();
    expect(mapUsage(undefined)).toBeUndefined();
  });
});
