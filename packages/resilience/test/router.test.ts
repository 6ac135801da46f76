import type { Provider } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CircuitBreaker,
  createCircuitBreaker,
  createRateLimiter,
  createRouter,
  type RateLimiter,
  withResilience,
} from '../src/index.js';

/**
 * createRouter over three real mock servers (three "deployments" with different limits), over loopback HTTP through
 * the real OpenAI provider.
 */

const servers: MockServer[] = [];
beforeAll(async () => {
  for (const rpm of [600, 1_200, 1_800]) {
    servers.push(await startMockServer({ rateLimits: { rpm, tpm: 10_000_000, enforcement: 'per-second' } }));
  }
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'route me' }], maxOutputTokens: 8 };

interface Deployment {
  provider: Provider;
  limiter: RateLimiter;
  breaker: CircuitBreaker;
  server: MockServer;
  rpm: number;
}

function deployments(): Deployment[] {
  return servers.map((server, i) => {
    const rpm = [600, 1_200, 1_800][i] as number;
    const limiter = createRateLimiter({ requestsPerMinute: rpm });
    const breaker = createCircuitBreaker({ consecutiveFailures: 2, halfOpenAfterMs: 60_000 });
    const bare = createOpenAIProvider({ apiKey: `sk-router-test-${i}`, baseURL: server.url });
    const provider = withResilience(bare, {
      rateLimiter: limiter,
      circuitBreaker: breaker,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    return { provider, limiter, breaker, server, rpm };
  });
}

function reset() {
  for (const server of servers) {
    server.control.reset();
    server.control.rateLimits.reset();
  }
}

const served = (server: MockServer) =>
  server.control.requests({ route: 'chat.completions' }).filter((r) => r.status === 200).length;

describe('createRouter over three deployments', () => {
  it('least-busy spreads a burst by capacity, without a 429 storm', async () => {
    reset();
    const targets = deployments();
    const router = createRouter(targets.map((t) => ({ provider: t.provider, limiter: t.limiter, breaker: t.breaker })));
    const results = await Promise.allSettled(Array.from({ length: 120 }, () => router.chat(CHAT)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const counts = servers.map(served);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
    // Shares follow the limits 1 : 2 : 3 (20, 40, 60), give or take the burst each limiter starts with.
    expect(counts[0]).toBeLessThan(counts[1] as number);
    expect(counts[1]).toBeLessThan(counts[2] as number);
    // The limiters pace each deployment at its limit, so a quiet machine sees no 429. On a loaded one a call granted
    // at the very end of a server second can arrive in the next one (the windows are the server's clock, and a busy
    // event loop delays the send): a few such one-offs (at most 5% of the calls, each retried), never a storm.
    const rateLimited = servers.map(
      (server) => server.control.requests({ route: 'chat.completions' }).filter((r) => r.status === 429).length,
    );
    expect(rateLimited.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
  }, 60_000);

  it('round-robin, weighted and priority choose as documented; streams, embeddings and images route', async () => {
    reset();
    const targets = deployments();
    const roundRobin = createRouter(
      targets.map((t) => ({ provider: t.provider })),
      { strategy: 'round-robin' },
    );
    for (let i = 0; i < 6; i++) await roundRobin.chat(CHAT);
    expect(servers.map(served)).toEqual([2, 2, 2]);

    reset();
    const priority = createRouter(
      targets.map((t, i) => ({ provider: t.provider, priority: 3 - i })),
      { strategy: 'priority' },
    );
    let text = '';
    for await (const part of priority.streamChat(CHAT).textStream) text += part;
    expect(text.length).toBeGreaterThan(0);
    await priority.embed?.({ model: 'text-embedding-3-small', input: ['a'] });
    await priority.generateImage?.({ model: 'dall-e-2', prompt: 'a switchboard', responseFormat: 'url' });
    expect(servers.map((s) => s.control.requests().length)).toEqual([0, 0, 3]);

    reset();
    let r = 0;
    const sequence = [0.1, 0.3, 0.9];
    const weighted = createRouter(
      targets.map((t, i) => ({ provider: t.provider, weight: [1, 1, 2][i] as number })),
      { strategy: 'weighted', random: () => sequence[r++ % 3] as number },
    );
    for (let i = 0; i < 3; i++) await weighted.chat(CHAT);
    // Weights 1,1,2 of 4: 0.1 → first, 0.3 → second, 0.9 → third.
    expect(servers.map(served)).toEqual([1, 1, 1]);
  }, 60_000);

  it('skips a target whose circuit is open, fails over on 5xx, and never on a 400', async () => {
    reset();
    const targets = deployments();
    servers[0]?.control.faults.add({ kind: 'status', status: 503, route: 'chat.completions' });
    const attempts: string[] = [];
    const router = createRouter(
      targets.map((t) => ({ provider: t.provider, breaker: t.breaker })),
      { strategy: 'priority', onAttempt: (e) => attempts.push(`${e.index}:${e.ok}`) },
    );
    // The first target fails (503, retried once), the router moves on to the second.
    await expect(router.chat(CHAT)).resolves.toMatchObject({ text: expect.any(String) });
    await router.chat(CHAT);
    expect(targets[0]?.breaker.state('openai:gpt-4o-mini')).toBe('open');
    const before = servers[0]?.control.requests().length ?? 0;
    await router.chat(CHAT);
    // Open circuit: the first target is tried last, so it gets no traffic.
    expect(servers[0]?.control.requests().length).toBe(before);
    expect(attempts.at(-1)).toBe('0:true');
    servers[1]?.control.faults.add({ kind: 'status', status: 400, route: 'chat.completions' });
    await expect(router.chat(CHAT)).rejects.toMatchObject({ status: 400 });
  }, 60_000);

  it('skips a target a 429 paused', async () => {
    reset();
    const targets = deployments();
    servers[0]?.control.faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 30,
      times: 1,
      route: 'chat.completions',
    });
    const router = createRouter(
      targets.map((t) => ({
        provider: withResilience(createOpenAIProvider({ apiKey: 'sk-router-pause-0', baseURL: t.server.url }), {
          retry: false,
        }),
      })),
      { strategy: 'priority' },
    );
    await expect(router.chat(CHAT)).resolves.toBeDefined();
    await router.chat(CHAT);
    expect(servers.map(served)).toEqual([0, 2, 0]);
  }, 60_000);

  it('names every bad option at once', () => {
    expect(() => createRouter([], { strategy: 'fastest' as never })).toThrow(/router.targets[\s\S]*router.strategy/);
    const error = (() => {
      try {
        createRouter([{ provider: {} as Provider, weight: -1 }], { stratgy: 'priority' } as never);
      } catch (caught) {
        return caught as { issues: { path: string; message: string }[] };
      }
      throw new Error('no error');
    })();
    const paths = error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['router.stratgy', 'router.targets.0.provider', 'router.targets.0.weight']);
    expect(error.issues.find((i) => i.path === 'router.stratgy')?.message).toMatch(/did you mean strategy/);
  });
});
