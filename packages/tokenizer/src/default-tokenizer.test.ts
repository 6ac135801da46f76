import type { ChatRequest } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  countChatTokens,
  countTokens,
  decodeTokens,
  defaultTokenizer,
  dispose,
  encodeTokens,
  estimateCost,
  estimateTokens,
  fitToContext,
  resolveModelEncoding,
} from './default-tokenizer.js';

afterAll(() => dispose());

describe('the top-level functions', () => {
  const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] };

  it('delegate to the shared tokenizer', () => {
    expect(countTokens('Hello there', { model: 'gpt-4o' })).toBe(defaultTokenizer.countTokens('Hello there'));
    expect(decodeTokens(encodeTokens('Hello there', { model: 'gpt-4' }), { model: 'gpt-4' })).toBe('Hello there');
    expect(resolveModelEncoding('gpt-4').encoding).toBe('cl100k_base');
    expect(countChatTokens(request).total).toBe(9);
    expect(estimateTokens({ ...request, maxOutputTokens: 1 })).toBe(10);
    expect(fitToContext(request).request).toBe(request);
    expect(estimateCost(request).inputTokens).toBe(9);
  });
});
