import { getEventListeners } from 'node:events';
import { withHooks } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { scriptedProvider } from '../../test/support/scripted-provider.js';
import { withResilience } from '../with-resilience.js';

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('one AbortSignal shared by many calls (issue 15.7)', () => {
  it('1,000 concurrent calls and streams print no MaxListenersExceededWarning and leave no listener', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { provider } = scriptedProvider(() => ({ kind: 'ok', text: 'fine', delayMs: 1 }));
      // Every layer that waits: bulkhead queues (almost all 1,000 waiting at once), the breaker, retries, the total timeout, and
      // the hooks' and the stream's links to the caller's signal.
      const wrapped = withHooks(
        withResilience(provider, {
          bulkhead: { maxConcurrent: 4, maxQueue: Number.POSITIVE_INFINITY },
          timeouts: { totalMs: 120_000 },
        }),
        {},
      );
      const bare = withResilience(provider, { bulkhead: { maxConcurrent: 4, maxQueue: Number.POSITIVE_INFINITY } });
      const shared = new AbortController();
      let peak = 0;
      const watch = setInterval(() => {
        peak = Math.max(peak, getEventListeners(shared.signal, 'abort').length);
      }, 1);
      const calls = Array.from({ length: 1_000 }, (_, index) => {
        if (index % 3 === 0) return wrapped.chat(request, { signal: shared.signal }).then((r) => r.text);
        if (index % 3 === 1) return bare.chat(request, { signal: shared.signal }).then((r) => r.text);
        return wrapped.streamChat(request, { signal: shared.signal }).response.then((r) => r.text);
      });
      peak = Math.max(peak, getEventListeners(shared.signal, 'abort').length);
      const texts = await Promise.all(calls);
      clearInterval(watch);
      expect(texts.every((text) => text === 'fine')).toBe(true);
      // The scripted provider's own listener per running call (4 + 4 through the bulkheads) plus core's single one.
      expect(peak).toBeLessThanOrEqual(9);
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('aborting the shared signal ends every waiting call with an aborted error and leaves no listener', async () => {
    const { provider } = scriptedProvider(() => ({ kind: 'hang' }));
    const wrapped = withResilience(provider, {
      bulkhead: { maxConcurrent: 5, maxQueue: Number.POSITIVE_INFINITY },
      timeouts: { totalMs: 120_000 },
    });
    const shared = new AbortController();
    const calls = Array.from({ length: 200 }, (_, index) =>
      index % 2 === 0
        ? wrapped.chat(request, { signal: shared.signal })
        : wrapped.streamChat(request, { signal: shared.signal }).response,
    );
    const settled = Promise.allSettled(calls);
    await new Promise((resolve) => setTimeout(resolve, 20));
    shared.abort();
    const outcomes = await settled;
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'aborted')).toBe(
      true,
    );
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });
});
