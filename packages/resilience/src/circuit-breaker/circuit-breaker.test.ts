import {
  AbortedError,
  CircuitOpenError,
  type CircuitStateChangeEvent,
  ConfigError,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker.js';
import { isBreakerFailure } from './is-breaker-failure.js';

const KEY = 'openai:gpt-4o';
const fail = (error: unknown) => () => Promise.reject(error);
const ok = () => Promise.resolve('ok');
const http = (status: number) => new ServerError({ message: `HTTP ${status}`, status });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what counts as a failure', () => {
  it('counts 5xx, network and timeout failures only', () => {
    expect(isBreakerFailure(http(500))).toBe(true);
    expect(isBreakerFailure(http(503))).toBe(true);
    expect(isBreakerFailure(new ServerError({ message: 'no status' }))).toBe(true);
    expect(isBreakerFailure(new NetworkError({ message: 'reset' }))).toBe(true);
    expect(isBreakerFailure(new TimeoutError({ phase: 'first-token', timeoutMs: 1 }))).toBe(true);
    expect(isBreakerFailure(new Error('raw'))).toBe(true);
    expect(isBreakerFailure(http(408))).toBe(false);
    expect(isBreakerFailure(http(409))).toBe(false);
    expect(isBreakerFailure(new RateLimitError({ message: '429', status: 429 }))).toBe(false);
    expect(isBreakerFailure(new InvalidRequestError({ message: '400', status: 400 }))).toBe(false);
    expect(isBreakerFailure(new AbortedError())).toBe(false);
  });
});

describe('consecutive failures', () => {
  it('opens after N in a row, fails fast, half-opens after the set time and closes on a good trial', async () => {
    const events: CircuitStateChangeEvent[] = [];
    const breaker = createCircuitBreaker({
      consecutiveFailures: 3,
      halfOpenAfterMs: 10_000,
      hooks: { onCircuitStateChange: (e) => events.push(e) },
    });
    for (let i = 0; i < 2; i++)
      await expect(breaker.execute(KEY, fail(http(503)))).rejects.toMatchObject({ status: 503 });
    expect(breaker.state(KEY)).toBe('closed');
    await expect(breaker.execute(KEY, fail(http(502)))).rejects.toMatchObject({ status: 502 });
    expect(breaker.state(KEY)).toBe('open');
    expect(events).toEqual([{ key: KEY, from: 'closed', to: 'open', error: expect.objectContaining({ status: 502 }) }]);

    const send = vi.fn(ok);
    await vi.advanceTimersByTimeAsync(4_000);
    const error = await breaker.execute(KEY, send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ key: KEY, retryAfterMs: 6_000, retryable: false });
    expect(send).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(6_000);
    await expect(breaker.execute(KEY, send)).resolves.toBe('ok');
    expect(send).toHaveBeenCalledTimes(1);
    expect(breaker.state(KEY)).toBe('closed');
    expect(events.map((e) => `${e.from}>${e.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });

  it('reopens when the half-open trial fails', async () => {
    const events: string[] = [];
    const breaker = createCircuitBreaker({
      consecutiveFailures: 1,
      halfOpenAfterMs: 1_000,
      hooks: { onCircuitStateChange: (e) => events.push(`${e.from}>${e.to}`) },
    });
    await expect(breaker.execute(KEY, fail(http(500)))).rejects.toBeInstanceOf(ServerError);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(breaker.execute(KEY, fail(new NetworkError({ message: 'reset' })))).rejects.toBeInstanceOf(
      NetworkError,
    );
    expect(breaker.state(KEY)).toBe('open');
    await expect(breaker.execute(KEY, ok)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(events).toEqual(['closed>open', 'open>half-open', 'half-open>open']);
  });

  it('never opens on 4xx or 429, and a success resets the count', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 2 });
    for (let i = 0; i < 10; i++) {
      await breaker.execute(KEY, fail(new RateLimitError({ message: '429', status: 429 }))).catch(() => {});
      await breaker.execute(KEY, fail(new InvalidRequestError({ message: '400', status: 400 }))).catch(() => {});
      await breaker.execute(KEY, fail(http(408))).catch(() => {});
    }
    expect(breaker.state(KEY)).toBe('closed');
    await breaker.execute(KEY, fail(http(500))).catch(() => {});
    await breaker.execute(KEY, ok);
    await breaker.execute(KEY, fail(http(500))).catch(() => {});
    expect(breaker.state(KEY)).toBe('closed');
    await breaker.execute(KEY, fail(http(500))).catch(() => {});
    expect(breaker.state(KEY)).toBe('open');
  });

  it('keeps one circuit per key', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 1 });
    await breaker.execute('openai:a', fail(http(500))).catch(() => {});
    expect(breaker.state('openai:a')).toBe('open');
    expect(breaker.state('openai:b')).toBe('closed');
    await expect(breaker.execute('openai:b', ok)).resolves.toBe('ok');
  });

  it('holds other callers while the half-open trial runs, then lets them through', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 1, halfOpenAfterMs: 100 });
    await breaker.execute(KEY, fail(http(500))).catch(() => {});
    await vi.advanceTimersByTimeAsync(100);
    const trial = await breaker.enter(KEY);
    let second = false;
    const waiting = breaker.enter(KEY).then((pass) => {
      second = true;
      return pass;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(second).toBe(false);
    trial.succeed();
    (await waiting).succeed();
    expect(second).toBe(true);
    expect(breaker.state(KEY)).toBe('closed');
  });

  it('lets a caller waiting for the trial give up at once', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 1, halfOpenAfterMs: 100 });
    await breaker.execute(KEY, fail(http(500))).catch(() => {});
    await vi.advanceTimersByTimeAsync(100);
    const trial = await breaker.enter(KEY);
    const controller = new AbortController();
    const waiting = breaker.enter(KEY, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    trial.succeed();
    await vi.advanceTimersByTimeAsync(0);
    expect(breaker.state(KEY)).toBe('closed');
    await expect(breaker.enter(KEY, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
  });

  it('does not count a call that was never sent', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 1 });
    const pass = await breaker.enter(KEY);
    pass.cancel();
    await vi.advanceTimersByTimeAsync(0);
    expect(breaker.state(KEY)).toBe('closed');
  });
});

describe('failure ratio', () => {
  it('opens when the share of failures in the window passes the threshold', async () => {
    const breaker = createCircuitBreaker({ failureRatio: 0.5, samplingWindowMs: 5_000, minimumRps: 1 });
    for (let i = 0; i < 6; i++) {
      await breaker.execute(KEY, ok);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(breaker.state(KEY)).toBe('closed');
    for (let i = 0; i < 8 && breaker.state(KEY) === 'closed'; i++) {
      await breaker.execute(KEY, fail(http(503))).catch(() => {});
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(breaker.state(KEY)).toBe('open');
  });
});

describe('settings', () => {
  it('names bad values', () => {
    expect(() => createCircuitBreaker({ consecutiveFailures: 0 })).toThrow(ConfigError);
    expect(() => createCircuitBreaker({ failureRatio: 1.5 })).toThrow(/circuitBreaker.failureRatio/);
    expect(() => createCircuitBreaker({ halfOpenAfterMs: -1 })).toThrow(/halfOpenAfterMs/);
  });
});
