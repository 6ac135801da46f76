import {
  AbortedError,
  type ChatStreamEvent,
  CircuitOpenError,
  type CircuitStateChangeEvent,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  type RateLimitWaitEvent,
  type RetryEvent,
  ServerError,
  TimeoutError,
} from '@switchboard/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptedProvider, streamEvents } from '../test/support/scripted-provider.js';
import { createBulkhead } from './bulkhead/bulkhead.js';
import { createCircuitBreaker } from './circuit-breaker/circuit-breaker.js';
import { loadCockatiel } from './circuit-breaker/load-cockatiel.js';
import { createRateLimiter } from './rate-limiter/rate-limiter.js';
import { createRetryPolicy } from './retry/retry-policy.js';
import { COMPOSITION_ORDER, withResilience } from './with-resilience.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
const http = (status: number, retryAfterMs?: number) =>
  status === 429
    ? new RateLimitError({ message: '429', status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
    : new ServerError({ message: `HTTP ${status}`, status });
const noJitter = { random: () => 0, baseDelayMs: 100 };

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

// cockatiel loads with a real dynamic import on first use; load it before the clock is faked.
beforeAll(async () => {
  await loadCockatiel();
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('promise calls', () => {
  it('retries until success and reports each retry', async () => {
    const retries: RetryEvent[] = [];
    const { provider, calls } = scriptedProvider([
      { kind: 'error', error: http(503) },
      { kind: 'error', error: http(429, 1_000) },
      { kind: 'ok', text: 'hi' },
    ]);
    const resilient = withResilience(provider, { retry: noJitter, hooks: { onRetry: (e) => retries.push(e) } });
    const response = resilient.chat(request, { metadata: { user: 'u1' } });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(response).resolves.toMatchObject({ text: 'hi' });
    expect(calls).toHaveLength(3);
    expect(calls[2]?.at).toBe((calls[1]?.at ?? 0) + 1_000);
    expect(retries).toMatchObject([
      { provider: 'test', model: 'gpt-4o', operation: 'chat', attempt: 1, delayMs: 0, metadata: { user: 'u1' } },
      { attempt: 2, delayMs: 1_000, reason: expect.stringMatching(/Retry-After/) },
    ]);
  });

  it('rejects at once when aborted during a wait, with zero further calls', async () => {
    const { provider, calls } = scriptedProvider([{ kind: 'error', error: http(429, 20_000) }]);
    const resilient = withResilience(provider);
    const controller = new AbortController();
    const outcome = resilient.chat(request, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not retry what cannot succeed', async () => {
    const { provider, calls } = scriptedProvider([
      { kind: 'error', error: new InvalidRequestError({ message: 'bad', status: 400 }) },
    ]);
    await expect(withResilience(provider).chat(request)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(calls).toHaveLength(1);
  });

  it('wraps embeddings and images the same way, and passes checkConnection through', async () => {
    const { provider, calls } = scriptedProvider((n) =>
      n % 2 === 0 ? { kind: 'error', error: http(502) } : { kind: 'ok' },
    );
    const resilient = withResilience(provider, { retry: noJitter });
    const embedding = resilient.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    await expect(embedding).resolves.toMatchObject({ model: 'text-embedding-3-small' });
    const image = resilient.generateImage?.({ model: 'dall-e-3', prompt: 'fox' });
    await vi.advanceTimersByTimeAsync(0);
    await expect(image).resolves.toMatchObject({ model: 'dall-e-3' });
    await expect(resilient.checkConnection?.()).resolves.toMatchObject({ ok: true });
    expect(calls.map((c) => c.operation)).toEqual([
      'embed',
      'embed',
      'generateImage',
      'generateImage',
      'checkConnection',
    ]);
  });

  it('passes the headers timeout to the provider unless the caller set one', async () => {
    const { provider, calls } = scriptedProvider([{ kind: 'ok' }]);
    const resilient = withResilience(provider, { timeouts: { headersMs: 2_000 } });
    await resilient.chat(request);
    await resilient.chat(request, { timeoutMs: 50 });
    expect(calls.map((c) => c.options.timeoutMs)).toEqual([2_000, 50]);
  });

  it('can run without retries', async () => {
    const { provider, calls } = scriptedProvider([{ kind: 'error', error: http(500) }]);
    await expect(withResilience(provider, { retry: false }).chat(request)).rejects.toBeInstanceOf(ServerError);
    expect(calls).toHaveLength(1);
  });
});

describe('order of composition: fallback → total timeout → retry → breaker → limiter → bulkhead → call', () => {
  it('is documented as a constant', () => {
    expect(COMPOSITION_ORDER).toEqual([
      'fallback',
      'total-timeout',
      'retry',
      'circuit-breaker',
      'rate-limiter',
      'bulkhead',
      'call',
    ]);
  });

  it('total timeout outside retry: one deadline covers every attempt and wait', async () => {
    const { provider, calls } = scriptedProvider([{ kind: 'error', error: http(429, 400) }]);
    const resilient = withResilience(provider, {
      timeouts: { totalMs: 1_000 },
      retry: { maxAttempts: 10, random: () => 0 },
    });
    const outcome = resilient.chat(request).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'total', timeoutMs: 1_000 });
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 400, 800]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('total timeout fires during a hanging call', async () => {
    const { provider } = scriptedProvider([{ kind: 'hang' }]);
    const outcome = withResilience(provider, { timeouts: { totalMs: 300 } })
      .chat(request)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(300);
    expect(await outcome).toMatchObject({ code: 'timeout', phase: 'total' });
  });

  it('retry outside the breaker: once the circuit opens, the retry stops with CircuitOpenError', async () => {
    const events: CircuitStateChangeEvent[] = [];
    const { provider, calls } = scriptedProvider([{ kind: 'error', error: http(503) }]);
    const resilient = withResilience(provider, {
      retry: { ...noJitter, maxAttempts: 10 },
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
      hooks: { onCircuitStateChange: (e) => events.push(e) },
    });
    const outcome = resilient.chat(request).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await outcome).toBeInstanceOf(CircuitOpenError);
    expect(calls).toHaveLength(3);
    expect(events).toMatchObject([{ key: 'test:gpt-4o', from: 'closed', to: 'open' }]);
  });

  it('breaker outside the limiter: an open circuit fails fast without taking rate-limit capacity', async () => {
    const limiter = createRateLimiter({ smoothing: 'none', headroomMs: 0, requestsPerMinute: 10 });
    const breaker = createCircuitBreaker({ consecutiveFailures: 1 });
    const { provider } = scriptedProvider([{ kind: 'error', error: http(500) }]);
    const resilient = withResilience(provider, { retry: false, circuitBreaker: breaker, rateLimiter: limiter });
    await expect(resilient.chat(request)).rejects.toBeInstanceOf(ServerError);
    expect((await limiter.inspect('test:gpt-4o')).requests).toBe(9);
    await expect(resilient.chat(request)).rejects.toBeInstanceOf(CircuitOpenError);
    expect((await limiter.inspect('test:gpt-4o')).requests).toBe(9);
  });

  it('limiter inside retry: every attempt is charged, and a 429 pauses the other callers', async () => {
    const limiter = createRateLimiter({ smoothing: 'none', headroomMs: 0, requestsPerMinute: 100 });
    const { provider, calls } = scriptedProvider([
      { kind: 'error', error: http(500) },
      { kind: 'error', error: http(429, 2_000) },
      { kind: 'ok' },
    ]);
    const waits: RateLimitWaitEvent[] = [];
    const resilient = withResilience(provider, {
      retry: noJitter,
      rateLimiter: limiter,
      hooks: { onRateLimitWait: (e) => waits.push(e) },
    });
    const first = resilient.chat(request);
    await vi.advanceTimersByTimeAsync(0);
    const second = resilient.chat(request);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all([first, second]);
    expect(calls).toHaveLength(4);
    expect(waits.some((w) => w.reason === 'paused')).toBe(true);
    // The 500 kept its charge and the 429 was refunded and halved the burst; the bucket refilled to its (halved)
    // capacity during the pause, then the two successes took two and won back a little of the burst each.
    const after = await limiter.inspect('test:gpt-4o');
    expect(after.burstScale).toBeCloseTo(0.52, 5);
    expect(after.requests).toBeGreaterThan(47);
    expect(after.requests).toBeLessThan(50);
  });

  it('limiter outside the bulkhead: a call waiting for rate capacity holds no bulkhead slot', async () => {
    const bulkhead = createBulkhead({ maxConcurrent: 1, maxQueue: 10 });
    const { provider } = scriptedProvider([{ kind: 'ok', delayMs: 10 }]);
    const resilient = withResilience(provider, {
      rateLimiter: { requestsPerMinute: 1, headroomMs: 0, smoothing: 'none' },
      bulkhead,
    });
    const all = Promise.all([1, 2, 3].map(() => resilient.chat(request)));
    await vi.advanceTimersByTimeAsync(20);
    expect(bulkhead).toMatchObject({ running: 0, queued: 0 });
    await vi.advanceTimersByTimeAsync(120_000);
    await all;
  });

  it('the bulkhead caps concurrent calls', async () => {
    let inFlight = 0;
    let most = 0;
    const { provider } = scriptedProvider([{ kind: 'ok', delayMs: 100 }]);
    const counting = {
      ...provider,
      chat: async (...args: Parameters<typeof provider.chat>) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await provider.chat(...args);
        } finally {
          inFlight--;
        }
      },
    };
    const resilient = withResilience(counting, { bulkhead: { maxConcurrent: 2, maxQueue: 100 } });
    const all = Promise.all(Array.from({ length: 10 }, () => resilient.chat(request)));
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(most).toBe(2);
  });

  it('shares a retry policy (and its budget) between wrappers', async () => {
    const retry = createRetryPolicy({ baseDelayMs: 0, budgetBurst: 1, budgetRatio: 0, budgetMinPerSecond: 0 });
    const a = scriptedProvider([{ kind: 'error', error: new NetworkError({ message: 'x' }) }], 'a');
    const b = scriptedProvider([{ kind: 'error', error: new NetworkError({ message: 'x' }) }], 'b');
    const outcomes = [
      withResilience(a.provider, { retry }).chat(request),
      withResilience(b.provider, { retry }).chat(request),
    ];
    for (const outcome of outcomes) outcome.catch(() => {});
    await vi.runAllTimersAsync();
    await Promise.allSettled(outcomes);
    expect(a.calls.length + b.calls.length).toBe(3);
  });
});

describe('streams', () => {
  it('retries a stream that fails before its first output, with no trace of the failed attempt', async () => {
    const { provider, calls } = scriptedProvider([
      { kind: 'stream', events: [{ type: 'start', id: 'failed' }], error: new NetworkError({ message: 'cut' }) },
      { kind: 'stream', events: streamEvents('hello there', { inputTokens: 5, outputTokens: 2, totalTokens: 7 }) },
    ]);
    const stream = withResilience(provider, { retry: noJitter }).streamChat(request);
    const events = collect(stream);
    await vi.runAllTimersAsync();
    const seen = await events;
    expect(calls).toHaveLength(2);
    expect(seen.filter((e) => e.type === 'start')).toEqual([
      { type: 'start', id: 'chatcmpl-test', model: 'test-model' },
    ]);
    await expect(stream.response).resolves.toMatchObject({ text: 'hello there', usage: { totalTokens: 7 } });
  });

  it('does not retry once output has started', async () => {
    const { provider, calls } = scriptedProvider([
      {
        kind: 'stream',
        events: [{ type: 'start' }, { type: 'text-delta', delta: 'half' }],
        error: new NetworkError({ message: 'cut' }),
      },
    ]);
    const stream = withResilience(provider, { retry: noJitter }).streamChat(request);
    const outcome = collect(stream).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await outcome).toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(1);
  });

  it('retries a first-token timeout and fails an idle timeout after output', async () => {
    const { provider, calls } = scriptedProvider([
      { kind: 'stream', events: [{ type: 'start' }], hangAfter: true },
      { kind: 'stream', events: [{ type: 'start' }, { type: 'text-delta', delta: 'a' }], hangAfter: true },
    ]);
    const resilient = withResilience(provider, { retry: noJitter, timeouts: { firstTokenMs: 500, idleMs: 2_000 } });
    const outcome = collect(resilient.streamChat(request)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'idle', timeoutMs: 2_000 });
    expect(calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends with the total timeout across attempts', async () => {
    const { provider } = scriptedProvider([{ kind: 'stream', events: [], error: http(503) }]);
    const stream = withResilience(provider, {
      retry: { random: () => 1 - Number.EPSILON, baseDelayMs: 1_000, maxAttempts: 10 },
      timeouts: { totalMs: 2_500 },
    }).streamChat(request);
    const outcome = collect(stream).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(await outcome).toMatchObject({ code: 'timeout', phase: 'total' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once when aborted during a retry wait, with zero further calls', async () => {
    const { provider, calls } = scriptedProvider([{ kind: 'stream', events: [], error: http(429, 10_000) }]);
    const controller = new AbortController();
    const stream = withResilience(provider).streamChat(request, { signal: controller.signal });
    const outcome = collect(stream).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });

  it('frees its bulkhead slot and keeps its rate-limit charge when the consumer stops early', async () => {
    const bulkhead = createBulkhead({ maxConcurrent: 1 });
    const limiter = createRateLimiter({ smoothing: 'none', headroomMs: 0, requestsPerMinute: 10 });
    const { provider } = scriptedProvider([{ kind: 'stream', events: streamEvents('one two three'), gapMs: 10 }]);
    const stream = withResilience(provider, { bulkhead, rateLimiter: limiter }).streamChat(request);
    const reading = (async () => {
      for await (const event of stream) if (event.type === 'text-delta') break;
    })();
    await vi.advanceTimersByTimeAsync(100);
    await reading;
    expect(bulkhead.running).toBe(0);
    expect((await limiter.inspect('test:gpt-4o')).requests).toBeCloseTo(9, 1);
  });

  it('settles the limiter with the usage and headers a stream reported', async () => {
    const limiter = createRateLimiter({ smoothing: 'none', headroomMs: 0, tokensPerMinute: 100_000 });
    const { provider } = scriptedProvider([
      {
        kind: 'stream',
        events: streamEvents('hi', { inputTokens: 50, outputTokens: 1, totalTokens: 51 }, { remainingTokens: 90_000 }),
      },
    ]);
    const resilient = withResilience(provider, { rateLimiter: limiter });
    await resilient.streamChat({ ...request, maxOutputTokens: 200 }).response;
    // Charged: the real 50 prompt tokens + the 200 reserved; the header then says only 90 000 were left.
    expect((await limiter.inspect('test:gpt-4o')).tokens).toBeCloseTo(90_000, 0);
  });

  it('fails fast on an open circuit', async () => {
    const breaker = createCircuitBreaker({ consecutiveFailures: 1 });
    const { provider, calls } = scriptedProvider([{ kind: 'stream', events: [], error: http(500) }]);
    const resilient = withResilience(provider, { retry: false, circuitBreaker: breaker });
    await expect(collect(resilient.streamChat(request))).rejects.toBeInstanceOf(ServerError);
    await expect(collect(resilient.streamChat(request))).rejects.toBeInstanceOf(CircuitOpenError);
    expect(calls).toHaveLength(1);
  });

  it('uses the key function for breaker and limiter', async () => {
    const limiter = createRateLimiter({ smoothing: 'none', headroomMs: 0, requestsPerMinute: 5 });
    const { provider } = scriptedProvider([{ kind: 'ok' }]);
    const resilient = withResilience(provider, { rateLimiter: limiter, key: (call) => `shared:${call.operation}` });
    await resilient.chat(request);
    await resilient.streamChat(request).response;
    expect((await limiter.inspect('shared:chat')).requests).toBeCloseTo(4, 2);
    expect((await limiter.inspect('shared:streamChat')).requests).toBeCloseTo(4, 2);
  });
});

describe('settings', () => {
  it('names bad timeouts', () => {
    const { provider } = scriptedProvider([{ kind: 'ok' }]);
    expect(() => withResilience(provider, { timeouts: { totalMs: 0, idleMs: -5 } })).toThrow(
      /timeouts.totalMs[\s\S]*timeouts.idleMs/,
    );
  });
});
