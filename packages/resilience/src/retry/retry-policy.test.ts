import {
  AbortedError,
  AuthenticationError,
  ConfigError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  type SwitchboardError,
  TimeoutError,
} from '@switchboard/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fullJitterBackoff } from './backoff.js';
import { isRetryable } from './is-retryable.js';
import { createRetryPolicy, type RetryAttemptInfo } from './retry-policy.js';

const server = (status = 503) => new ServerError({ message: `HTTP ${status}`, status });

/** A task that fails with the given errors in turn, then succeeds; counts its calls. */
function failing(...errors: SwitchboardError[]) {
  const task = vi.fn(async (attempt: number) => {
    const error = errors[attempt - 1];
    if (error) throw error;
    return `ok after ${attempt}`;
  });
  return task;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what is retried', () => {
  it.each([
    ['408', server(408)],
    ['409', server(409)],
    ['429', new RateLimitError({ message: 'slow down', status: 429 })],
    ['500', server(500)],
    ['502', server(502)],
    ['503', server(503)],
    ['network', new NetworkError({ message: 'reset' })],
    ['timeout', new TimeoutError({ phase: 'headers', timeoutMs: 10 })],
    ['x-should-retry: true on a 400', new InvalidRequestError({ message: 'bad', status: 400, shouldRetry: true })],
  ])('retries %s', (_name, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['400', new InvalidRequestError({ message: 'bad', status: 400 })],
    ['401', new AuthenticationError({ message: 'key', status: 401 })],
    ['403', new PermissionError({ message: 'no', status: 403 })],
    ['404', new NotFoundError({ message: 'gone', status: 404 })],
    ['422', new InvalidRequestError({ message: 'bad', status: 422 })],
    ['content filter', new ContentFilterError({ message: 'blocked', status: 400, shouldRetry: true })],
    ['context length', new ContextLengthError({ message: 'too long', status: 400 })],
    ['insufficient_quota', new RateLimitError({ message: 'quota', status: 429, kind: 'quota', shouldRetry: true })],
    ['an abort', new AbortedError()],
    ['x-should-retry: false on a 503', new ServerError({ message: 'no', status: 503, shouldRetry: false })],
  ])('does not retry %s', (_name, error) => {
    expect(isRetryable(error)).toBe(false);
  });

  it('makes exactly one attempt for a non-retryable error', async () => {
    const policy = createRetryPolicy({ baseDelayMs: 10 });
    const task = failing(new AuthenticationError({ message: 'bad key', status: 401 }));
    await expect(policy.execute(task)).rejects.toBeInstanceOf(AuthenticationError);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('stops after maxAttempts with the last error', async () => {
    const policy = createRetryPolicy({ maxAttempts: 3, baseDelayMs: 10, random: () => 0.5 });
    const task = failing(server(500), server(502), server(503), server(504));
    const outcome = policy.execute(task).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await outcome).toMatchObject({ status: 503 });
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('turns a thrown non-Switchboard value into a typed error', async () => {
    const policy = createRetryPolicy({ maxAttempts: 1 });
    await expect(policy.execute(() => Promise.reject(new Error('socket hang up')))).rejects.toBeInstanceOf(
      NetworkError,
    );
  });
});

describe('how long it waits', () => {
  it('respects Retry-After to the millisecond', async () => {
    const policy = createRetryPolicy({ random: () => 0, baseDelayMs: 500 });
    const task = failing(new RateLimitError({ message: 'slow down', status: 429, retryAfterMs: 1_537 }));
    const start = Date.now();
    const result = policy.execute(task);
    await vi.advanceTimersByTimeAsync(1_536);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(2);
    await expect(result).resolves.toBe('ok after 2');
    expect(Date.now() - start).toBe(1_537);
  });

  it('waits the longer of the jittered backoff and Retry-After', async () => {
    const policy = createRetryPolicy({ random: () => 0.75, baseDelayMs: 1_000 });
    const infos: RetryAttemptInfo[] = [];
    const task = failing(
      new RateLimitError({ message: 'slow', status: 429, retryAfterMs: 200 }),
      new RateLimitError({ message: 'slow', status: 429, retryAfterMs: 5_000 }),
    );
    const result = policy.execute(task, { onRetry: (info) => infos.push(info) });
    await vi.runAllTimersAsync();
    await result;
    expect(infos.map((i) => i.delayMs)).toEqual([750, 5_000]);
    expect(infos[0]?.reason).toMatch(/backing off/);
    expect(infos[1]?.reason).toMatch(/Retry-After/);
    expect(infos.map((i) => i.attempt)).toEqual([1, 2]);
  });

  it('grows the backoff exponentially under the cap (full jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (attempt, base, cap, r) => {
          const delay = fullJitterBackoff(attempt, base, cap, () => r);
          const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
          return delay >= 0 && delay <= ceiling && (ceiling === 0 || delay < ceiling);
        },
      ),
    );
    expect(fullJitterBackoff(3, 100, 60_000, () => 0.5)).toBe(200);
    expect(fullJitterBackoff(20, 100, 1_000, () => 0.5)).toBe(500);
  });

  it('fails at once with the rate-limit error when Retry-After is beyond the cap', async () => {
    const policy = createRetryPolicy({ maxDelayMs: 60_000 });
    const error = new RateLimitError({ message: 'come back in 2 hours', status: 429, retryAfterMs: 7_200_000 });
    const task = failing(error);
    await expect(policy.execute(task)).rejects.toBe(error);
    expect(task).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('aborting', () => {
  it('rejects at once during a wait, with no further attempt', async () => {
    const policy = createRetryPolicy({ random: () => 0, baseDelayMs: 0 });
    const controller = new AbortController();
    const task = failing(new RateLimitError({ message: 'slow', status: 429, retryAfterMs: 30_000 }));
    const outcome = policy.execute(task, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('keeps a Switchboard abort reason', async () => {
    const policy = createRetryPolicy();
    const reason = new TimeoutError({ phase: 'total', timeoutMs: 5 });
    await expect(policy.execute(async () => 'never', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('reports the abort rather than the failure the abort caused', async () => {
    const policy = createRetryPolicy();
    const controller = new AbortController();
    const result = policy.execute(
      async () => {
        controller.abort();
        throw new NetworkError({ message: 'socket closed' });
      },
      { signal: controller.signal },
    );
    await expect(result).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('the retry budget', () => {
  it('trips when everything fails and recovers with time', async () => {
    const policy = createRetryPolicy({
      maxAttempts: 4,
      baseDelayMs: 0,
      budgetBurst: 5,
      budgetRatio: 0,
      budgetMinPerSecond: 1,
    });
    const attempts: number[] = [];
    for (let call = 0; call < 4; call++) {
      const task = vi.fn(async () => {
        throw server(503);
      });
      const outcome = policy.execute(task).catch(() => undefined);
      await vi.runAllTimersAsync();
      await outcome;
      attempts.push(task.mock.calls.length);
    }
    // 5 retries in the bucket: 3 for the first call, 2 for the second, then none.
    expect(attempts).toEqual([4, 3, 1, 1]);
    await vi.advanceTimersByTimeAsync(2_000);
    const task = vi.fn(async () => {
      throw server(503);
    });
    const outcome = policy.execute(task).catch(() => undefined);
    await vi.runAllTimersAsync();
    await outcome;
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('starts full, spends one per retry and earns budgetRatio back per success (AWS-style bucket)', async () => {
    const policy = createRetryPolicy({ baseDelayMs: 0, budgetBurst: 2, budgetRatio: 0.5, budgetMinPerSecond: 0 });
    let retries = 0;
    const failing = async () => {
      const outcome = policy
        .execute(
          async () => {
            throw server(500);
          },
          { onRetry: () => retries++ },
        )
        .catch(() => undefined);
      await vi.runAllTimersAsync();
      await outcome;
    };
    // A cold start spends the whole capacity (2) at once, then nothing is left.
    await failing();
    expect(retries).toBe(2);
    await failing();
    expect(retries).toBe(2);
    // Two successes earn one retry back.
    await policy.execute(async () => 'ok');
    await policy.execute(async () => 'ok');
    await failing();
    expect(retries).toBe(3);
  });

  it('says why it stopped', () => {
    const policy = createRetryPolicy({ maxAttempts: 2, budgetBurst: 1, budgetRatio: 0, budgetMinPerSecond: 0 });
    const first = policy.session();
    expect(first.decide(server(500))).toMatchObject({ retry: true });
    expect(first.decide(server(500))).toMatchObject({ retry: false, reason: 'all 2 attempts failed' });
    expect(policy.session().decide(server(500))).toMatchObject({ retry: false, reason: 'the retry budget is spent' });
    expect(policy.session().decide(new AuthenticationError({ message: 'x', status: 401 }))).toMatchObject({
      retry: false,
      reason: 'authentication (HTTP 401) is not retryable',
    });
  });
});

describe('settings', () => {
  it('fills core defaults', () => {
    expect(createRetryPolicy().settings).toMatchObject({
      maxAttempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 60_000,
      budgetRatio: 0.2,
      budgetBurst: 100,
    });
  });

  it('names every bad value at once', () => {
    try {
      createRetryPolicy({ maxAttempts: 0, baseDelayMs: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((i) => i.path).sort()).toEqual([
        'retry.baseDelayMs',
        'retry.maxAttempts',
      ]);
    }
    expect(() => createRetryPolicy({ random: 3 as unknown as () => number })).toThrow(/retry.random/);
  });
});
