import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { withResilience } from '../with-resilience.js';
import { ConfigCollector } from './config-collector.js';

const provider = { name: 'test', chat: async () => ({}) as never, streamChat: () => ({}) as never };

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('ConfigCollector', () => {
  it('rethrows what is not a ConfigError and ignores non-objects', () => {
    const collector = new ConfigCollector().unknownKeys('p', 5, ['a']);
    expect(() =>
      collector.run(() => {
        throw new TypeError('boom');
      }),
    ).toThrow(TypeError);
    expect(() => collector.done()).not.toThrow();
  });
});

describe('withResilience reports every problem at once', () => {
  it('names nine bad fields across five groups, and unknown keys with a hint, in one ConfigError', () => {
    const error = configError(() =>
      withResilience(provider, {
        retry: { maxAttempts: 0, baseDelayMs: -1, maxAtempts: 3 } as never,
        circuitBreaker: { consecutiveFailures: 0, failureRatio: 2 },
        rateLimiter: { requestsPerMinute: -5, smoothing: 'jagged' as never, perKey: { a: { tokensPerMinute: 0 } } },
        bulkhead: { maxConcurrent: 0 },
        timeouts: { totalMs: 0, idelMs: 5 } as never,
        rateLimitter: {},
      } as never),
    );
    const paths = error.issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(
      [
        'bulkhead.maxConcurrent',
        'circuitBreaker.consecutiveFailures',
        'circuitBreaker.failureRatio',
        'rateLimit.perKey.a.tokensPerMinute',
        'rateLimit.requestsPerMinute',
        'rateLimit.smoothing',
        'rateLimitter',
        'retry.baseDelayMs',
        'retry.maxAtempts',
        'retry.maxAttempts',
        'timeouts.idelMs',
        'timeouts.totalMs',
      ].sort(),
    );
    const message = (path: string) => error.issues.find((issue) => issue.path === path)?.message;
    expect(message('rateLimitter')).toMatch(/did you mean rateLimiter\?/);
    expect(message('retry.maxAtempts')).toMatch(/did you mean maxAttempts\?/);
    expect(message('timeouts.idelMs')).toMatch(/did you mean idleMs\?/);
    expect(error.message).toMatch(/12 problems/);
  });

  it('refuses unknown keys in each factory on its own too', () => {
    expect(configError(() => withResilience(provider, { bulkhead: { maxConcurent: 2 } as never })).issues).toEqual([
      expect.objectContaining({ path: 'bulkhead.maxConcurent', message: expect.stringMatching(/maxConcurrent/) }),
    ]);
  });
});
