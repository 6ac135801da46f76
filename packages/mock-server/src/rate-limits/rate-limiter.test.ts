import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../http/api-error.js';
import { enforcementOf, RateLimiter } from './rate-limiter.js';

function header(headers: readonly string[], name: string): string | undefined {
  const index = headers.indexOf(name);
  return index >= 0 ? headers[index + 1] : undefined;
}

/** Admits requests of `tokens` each at the current fake time until one is refused; returns how many got through. */
function admitUntilRefused(limiter: RateLimiter, tokens = 1, max = 10_000): { admitted: number; error: ApiError } {
  for (let admitted = 0; admitted < max; admitted++) {
    try {
      limiter.admit('sk-a', 'gpt-4o', tokens, 'chat.completions', false);
    } catch (error) {
      return { admitted, error: error as ApiError };
    }
  }
  throw new Error('never refused');
}

describe('RateLimiter enforcement', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('defaults to continuous for openai and 10 s windows for azure; an explicit one wins', () => {
    expect(enforcementOf({}, 'openai')).toBe('continuous');
    expect(enforcementOf({}, 'azure')).toBe('10s-windows');
    expect(enforcementOf({ enforcement: 'per-second' }, 'azure')).toBe('per-second');
  });

  it('continuous: a whole minute of requests at once, then limit/60 000 per ms', () => {
    const limiter = new RateLimiter({ rpm: 600 });
    expect(admitUntilRefused(limiter).admitted).toBe(600);
    vi.advanceTimersByTime(100);
    expect(admitUntilRefused(limiter).admitted).toBe(1);
  });

  it('per-second: a minute burst is refused after limit/60, with a Retry-After to the next second', () => {
    const limiter = new RateLimiter({ rpm: 600, tpm: 60_000, enforcement: 'per-second' });
    vi.setSystemTime(1_000_250);
    const { admitted, error } = admitUntilRefused(limiter);
    expect(admitted).toBe(10);
    expect(error.status).toBe(429);
    expect(header(error.headers, 'retry-after-ms')).toBe('750');
    vi.setSystemTime(1_001_000);
    expect(admitUntilRefused(limiter).admitted).toBe(10);
    vi.setSystemTime(1_002_000);
    // Tokens: 1 000 per second, so three requests of 300 tokens fit in one second and the fourth does not.
    const byTokens = admitUntilRefused(limiter, 300);
    expect(byTokens.admitted).toBe(3);
    expect(byTokens.error.error.type).toBe('tokens');
  });

  it('10 s windows and whole minutes are available in openai mode too', () => {
    const tenSeconds = new RateLimiter({ rpm: 60, enforcement: '10s-windows' });
    expect(admitUntilRefused(tenSeconds).admitted).toBe(10);
    const minute = new RateLimiter({ rpm: 60, enforcement: 'per-minute' });
    expect(admitUntilRefused(minute).admitted).toBe(60);
    vi.setSystemTime(1_019_999);
    expect(admitUntilRefused(minute).admitted).toBe(0);
    vi.setSystemTime(1_020_000);
    expect(admitUntilRefused(minute).admitted).toBe(60);
  });

  it('configure switches the enforcement and forgets usage', () => {
    const limiter = new RateLimiter({ rpm: 120 });
    expect(admitUntilRefused(limiter).admitted).toBe(120);
    limiter.configure({ rpm: 120, enforcement: 'per-second' });
    expect(admitUntilRefused(limiter).admitted).toBe(2);
    expect(limiter.options.enforcement).toBe('per-second');
  });
});
