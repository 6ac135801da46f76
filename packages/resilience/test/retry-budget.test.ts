import { type Hooks, isSwitchboardError, type RetryBudgetEvent, type SwitchboardError } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RetryBudgetExhaustedEvent, withResilience } from '../src/index.js';

/**
 * Issue 15 item 2: 200 concurrent calls against a server that fails 30% of requests with 503. A budget that starts
 * full (AWS-style token bucket) lets the cold burst retry, so the failure rate stays near the budget-off rate; a
 * budget that is too small refuses, and says so on the error and through `onBudgetExhausted`.
 */

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ requestLogLimit: 20_000, seed: 7 });
});
afterAll(() => server.close());

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'budget' }], maxOutputTokens: 8 };

/** Runs 200 concurrent chats with the given retry options against 30% 503s; returns the failures. */
async function storm(
  retry: Record<string, unknown>,
  { hooks, stream = false }: { hooks?: Hooks; stream?: boolean } = {},
): Promise<SwitchboardError[]> {
  server.control.reset();
  server.control.faults.add({ kind: 'status', status: 503, probability: 0.3, route: 'chat.completions' });
  const provider = withResilience(createOpenAIProvider({ apiKey: 'sk-budget-test-0001', baseURL: server.url }), {
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50, ...retry },
    circuitBreaker: false,
    ...(hooks ? { hooks } : {}),
  });
  const call = () => (stream ? provider.streamChat(request).response : provider.chat(request));
  const results = await Promise.allSettled(Array.from({ length: 200 }, call));
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason as SwitchboardError] : []));
}

describe('retry budget over loopback (200 concurrent calls, 30% 503)', () => {
  it('with the default budget fails about as rarely as with the budget off', async () => {
    const events: RetryBudgetExhaustedEvent[] = [];
    const withBudget = await storm({ onBudgetExhausted: (e: RetryBudgetExhaustedEvent) => events.push(e) });
    const budgetOff = await storm({ budgetBurst: 1_000_000, budgetRatio: 10 });
    // 0.3^6 ≈ 0.07% per call without a budget; the default budget (100 retries to start, 0.2 back per success) covers
    // the ~85 retries this storm needs.
    expect(budgetOff.length).toBeLessThanOrEqual(3);
    expect(withBudget.length).toBeLessThanOrEqual(budgetOff.length + 4);
    expect(events.length).toBe(
      withBudget.filter((e) => (e as { retryBudgetExhausted?: boolean }).retryBudgetExhausted).length,
    );
  }, 120_000);

  it('a spent budget refuses with retryBudgetExhausted on the error, in its message and JSON, and an event', async () => {
    const events: RetryBudgetExhaustedEvent[] = [];
    const failures = await storm({
      budgetBurst: 5,
      budgetRatio: 0,
      budgetMinPerSecond: 0,
      onBudgetExhausted: (e: RetryBudgetExhaustedEvent) => events.push(e),
    });
    const refused = failures.filter((e) => (e as { retryBudgetExhausted?: boolean }).retryBudgetExhausted === true);
    expect(refused.length).toBeGreaterThan(20);
    expect(events).toHaveLength(refused.length);
    const [first] = refused;
    expect(isSwitchboardError(first)).toBe(true);
    expect(first?.status).toBe(503);
    expect(first?.message).toMatch(/not retried: the retry budget is spent/);
    expect(first?.toJSON()).toMatchObject({ retryBudgetExhausted: true, status: 503 });
    expect(events[0]?.error).toBe(refused.find((e) => e === events[0]?.error));
  }, 120_000);

  it.each([
    ['chat', false],
    ['streamChat', true],
  ] as const)(
    'reports a refused retry of %s through the onRetryBudgetExhausted hook',
    async (operation, stream) => {
      const events: RetryBudgetEvent[] = [];
      const failures = await storm(
        { budgetBurst: 5, budgetRatio: 0, budgetMinPerSecond: 0 },
        { hooks: { onRetryBudgetExhausted: (event) => events.push(event) }, stream },
      );
      const refused = failures.filter((e) => (e as { retryBudgetExhausted?: boolean }).retryBudgetExhausted === true);
      expect(refused.length).toBeGreaterThan(20);
      expect(events).toHaveLength(refused.length);
      expect(events[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', operation, attempt: 1 });
      expect(refused).toContain(events[0]?.error);
    },
    120_000,
  );
});
