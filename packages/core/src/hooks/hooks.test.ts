import { describe, expect, it, vi } from 'vitest';
import { scriptedProvider } from '../../test/scripted-provider.js';
import { UsageTracker } from '../usage/usage-tracker.js';
import { combineHooks } from './combine-hooks.js';
import type { ErrorEvent, Hooks, RequestEvent, ResponseEvent } from './hook-events.js';
import { withHooks } from './with-hooks.js';

const chatRequest = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

function recorder() {
  const events: { name: string; event: RequestEvent | ResponseEvent | ErrorEvent }[] = [];
  const hooks: Hooks = {
    onRequest: (event) => events.push({ name: 'request', event }),
    onResponse: (event) => events.push({ name: 'response', event }),
    onError: (event) => events.push({ name: 'error', event }),
  };
  return { events, hooks };
}

describe('withHooks', () => {
  it('reports request and response with latency, usage and cost', async () => {
    const { events, hooks } = recorder();
    const provider = withHooks(scriptedProvider(), hooks);
    await provider.chat(chatRequest, { metadata: { user: 'u1' } });
    expect(events.map((e) => e.name)).toEqual(['request', 'response']);
    const response = events[1]?.event as ResponseEvent;
    expect(response).toMatchObject({
      provider: 'scripted',
      model: 'gpt-4o',
      operation: 'chat',
      requestId: 'req_1',
      metadata: { user: 'u1' },
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    // gpt-4o: 800 uncached × $2.50 + 200 cached × $1.25 + 500 output × $10, per 1M tokens.
    expect(response.costUsd).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 500 * 10) / 1e6, 12);
  });

  it('reports errors as typed errors and rethrows', async () => {
    const { events, hooks } = recorder();
    const provider = withHooks(scriptedProvider({ fail: true }), hooks);
    await expect(provider.chat(chatRequest)).rejects.toMatchObject({ code: 'server' });
    expect(events.map((e) => e.name)).toEqual(['request', 'error']);
    expect((events[1] as { event: ErrorEvent }).event.error.code).toBe('server');
  });

  it('reports streams when they finish or fail', async () => {
    const { events, hooks } = recorder();
    await withHooks(scriptedProvider(), hooks).streamChat(chatRequest).response;
    expect(events.map((e) => e.name)).toEqual(['request', 'response']);
    expect((events[1] as { event: ResponseEvent }).event.usage?.inputTokens).toBe(1_000);
    events.length = 0;
    await expect(
      withHooks(scriptedProvider({ fail: true }), hooks).streamChat(chatRequest).response,
    ).rejects.toMatchObject({ code: 'server' });
    expect(events.map((e) => e.name)).toEqual(['request', 'error']);
  });

  it('stops a hooked stream when the caller aborts its signal', async () => {
    const controller = new AbortController();
    const stream = withHooks(scriptedProvider(), {}).streamChat(chatRequest, { signal: controller.signal });
    controller.abort();
    await expect(stream.response).rejects.toMatchObject({ code: 'aborted' });
  });

  it('reports embeddings usage and image calls without usage', async () => {
    const { events, hooks } = recorder();
    const provider = withHooks(scriptedProvider(), [hooks]);
    await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    await provider.generateImage?.({ model: 'gpt-image-1', prompt: 'x' });
    await provider.checkConnection?.();
    const responses = events.filter((e) => e.name === 'response').map((e) => e.event as ResponseEvent);
    expect(responses[0]?.usage).toEqual({ inputTokens: 3, totalTokens: 3, outputTokens: 0 });
    expect(responses[0]?.costUsd).toBeCloseTo((3 * 0.02) / 1e6, 15);
    expect(responses[1]?.usage).toBeUndefined();
    expect(responses[2]?.operation).toBe('checkConnection');
  });

  it('feeds a UsageTracker', async () => {
    const tracker = new UsageTracker();
    const provider = withHooks(scriptedProvider(), tracker);
    await provider.chat(chatRequest);
    await provider.chat(chatRequest);
    await withHooks(scriptedProvider({ fail: true }), tracker)
      .chat(chatRequest)
      .catch(() => {});
    const [stats] = tracker.snapshot();
    expect(stats).toMatchObject({
      provider: 'scripted',
      model: 'gpt-4o',
      requests: 2,
      errors: 1,
      errorsByCode: { server: 1 },
      inputTokens: 2_000,
    });
  });
});

describe('combineHooks', () => {
  it('calls every hook set in order and survives a throwing hook', () => {
    const order: string[] = [];
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const combined = combineHooks(
      [
        {
          onRetry: () => {
            throw new Error('observer bug');
          },
        },
        undefined,
        { onRetry: () => order.push('second') },
      ],
      logger,
    );
    combined.onRetry({} as never);
    combined.onCircuitStateChange({} as never);
    expect(order).toEqual(['second']);
    expect(logger.warn).toHaveBeenCalledWith({ hook: 'onRetry', error: 'observer bug' }, 'A hook threw; ignored.');
  });

  it('is silent by default when a hook throws a non-error', () => {
    const combined = combineHooks([
      {
        onRateLimitWait: () => {
          throw 'string';
        },
      },
    ]);
    expect(() => combined.onRateLimitWait({ key: 'k', waitMs: 1, reason: 'tokens' })).not.toThrow();
  });
});
