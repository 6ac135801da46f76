import { describe, expect, it } from 'vitest';
import { RealtimeRateLimits } from './rate-limits.js';

describe('RealtimeRateLimits', () => {
  it('takes a request and tokens per response and refills continuously per key', () => {
    let now = 0;
    const limits = new RealtimeRateLimits({ requestsPerMinute: 60, tokensPerMinute: 6000 }, () => now);
    expect(limits.consume('a', 600)).toEqual([
      { name: 'requests', limit: 60, remaining: 59, reset_seconds: 1 },
      { name: 'tokens', limit: 6000, remaining: 5400, reset_seconds: 6 },
    ]);
    expect(limits.consume('b', 0)[1]?.remaining).toBe(6000);
    now = 3000;
    const [requests, tokens] = limits.consume('a', 0);
    expect(requests).toMatchObject({ remaining: 59, reset_seconds: 1 });
    expect(tokens).toMatchObject({ remaining: 5700, reset_seconds: 3 });
    now = 600_000;
    expect(limits.consume('a', 10_000)[1]).toMatchObject({ remaining: 0, reset_seconds: 60 });
  });

  it('defaults to generous limits', () => {
    expect(new RealtimeRateLimits().consume('k', 1).map((entry) => entry.limit)).toEqual([5000, 800_000]);
  });
});
