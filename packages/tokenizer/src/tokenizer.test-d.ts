import type { ChatRequest, EmbeddingRequest, ImageRequest } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import { countChatTokens, countTokens, estimateTokens } from './index.js';

describe('public shapes other packages rely on', () => {
  it('estimateTokens fits the rate limiter’s injected estimator', () => {
    expectTypeOf(estimateTokens).toMatchTypeOf<(request: ChatRequest | EmbeddingRequest | ImageRequest) => number>();
  });

  it('countTokens returns a number and countChatTokens a breakdown with a numeric total', () => {
    expectTypeOf(countTokens).returns.toEqualTypeOf<number>();
    expectTypeOf(countChatTokens).returns.toHaveProperty('total').toEqualTypeOf<number>();
  });
});
