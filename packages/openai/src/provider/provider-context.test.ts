import { describe, expect, it } from 'vitest';
import { testContext } from '../__fixtures__/test-context.js';

describe('ProviderContext', () => {
  it('uses the core catalog for reasoning models unless the provider decides', () => {
    const context = testContext();
    expect(context.isReasoningModel('gpt-5-mini', 'gpt-5-mini')).toBe(true);
    expect(context.isReasoningModel('my-alias', 'o4-mini')).toBe(true);
    expect(context.isReasoningModel('gpt-4o', 'gpt-4o')).toBe(false);
    expect(context.isReasoningModel('unknown-model', 'unknown-model')).toBe(false);
    expect(testContext({ isReasoningModel: () => true }).isReasoningModel('gpt-4o', 'gpt-4o')).toBe(true);
  });

  it('resolves models, provider options key and request options', () => {
    const context = testContext({
      providerOptionsKey: 'openai',
      provider: 'azure',
      transport: { baseURL: 'http://127.0.0.1:9/v1', auth: () => ({}), timeoutMs: 500 },
      resolveModel: (m, kind) => `${kind}:${m}`,
    });
    expect(context.wireModel('gpt-4o', 'chat')).toBe('chat:gpt-4o');
    expect(context.providerOptionsKey).toBe('openai');
    const signal = new AbortController().signal;
    expect(context.requestOptions({ headers: { a: 'b' }, signal })).toEqual({
      maxRetries: 0,
      timeout: 500,
      headers: { a: 'b' },
      signal,
    });
    expect(context.requestOptions({ timeoutMs: 20 })).toEqual({ maxRetries: 0, timeout: 20 });
    expect(testContext().requestOptions({})).toEqual({ maxRetries: 0 });
  });

  it('reads request ids and rate limits through the provider hooks', () => {
    const context = testContext({
      hooks: {
        readRequestId: (headers) => headers.get('apim-request-id') ?? undefined,
        parseRateLimit: () => ({ remainingTokens: 1 }),
      },
    });
    const response = new Response('', { headers: { 'apim-request-id': 'apim-1' } });
    expect(context.responseInfo(response, {})).toEqual({ requestId: 'apim-1', rateLimit: { remainingTokens: 1 } });
  });
});
