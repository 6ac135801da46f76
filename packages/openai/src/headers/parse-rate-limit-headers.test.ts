import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from './parse-rate-limit-headers.js';

describe('parseRateLimitHeaders', () => {
  it('reads the six OpenAI headers', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-limit-tokens': '2000000',
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-remaining-tokens': '1999900',
      'x-ratelimit-reset-requests': '6ms',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limitRequests: 10_000,
      limitTokens: 2_000_000,
      remainingRequests: 9_999,
      remainingTokens: 1_999_900,
      resetRequestsMs: 6,
      resetTokensMs: 360_000,
    });
  });

  it('keeps only what is known: Azure sends remaining only, -1 means unknown', () => {
    const headers = new Headers({
      'x-ratelimit-remaining-requests': '-1',
      'x-ratelimit-remaining-tokens': '4500',
      'x-ratelimit-reset-tokens': '-1',
      'x-ratelimit-limit-tokens': 'lots',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({ remainingTokens: 4_500 });
  });

  it('is undefined without any usable header', () => {
    expect(parseRateLimitHeaders(new Headers({ 'x-ratelimit-remaining-requests': '' }))).toBeUndefined();
    expect(parseRateLimitHeaders(new Headers())).toBeUndefined();
    expect(parseRateLimitHeaders(undefined)).toBeUndefined();
  });
});
