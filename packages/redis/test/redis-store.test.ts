import type { Logger } from '@switchboard/core';
import { createMemoryRateLimitStore, type KeyConfig, type RateLimitStore } from '@switchboard/resilience';
import { rateLimitStoreConformance } from '@switchboard/resilience/testing';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore, type StoreAvailabilityEvent } from '../src/index.js';
import type { RedisTestServer } from '../src/testing/index.js';
import { skipRedis, startRedis } from './redis-harness.js';

describe.skipIf(skipRedis)('Redis rate-limit store', () => {
  let server: RedisTestServer;
  let client: Redis;
  const stores: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    ({ server, client } = await startRedis());
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    client.disconnect();
    await server.stop();
  });

  describe('conformance', () => {
    for (const testCase of rateLimitStoreConformance(() => createRedisRateLimitStore({ redis: client }))) {
      it(testCase.name, testCase.run);
    }
  });

  it('makes the same decisions as the memory store for any sequence of operations (fast-check)', async () => {
    const config = fc.record(
      {
        limits: fc.record(
          {
            requestsPerMinute: fc.integer({ min: 1, max: 600 }),
            tokensPerMinute: fc.integer({ min: 10, max: 90_000 }),
          },
          { requiredKeys: [] },
        ),
        windowMs: fc.option(fc.constantFrom(1_000, 10_000), { nil: undefined }),
        headroomMs: fc.constantFrom(0, 250),
      },
      { requiredKeys: ['limits', 'headroomMs'] },
    ) as fc.Arbitrary<KeyConfig>;
    const step = fc.oneof(
      fc.record({ op: fc.constant('reserve' as const), tokens: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({
        op: fc.constant('adjust' as const),
        requests: fc.integer({ min: -1, max: 1 }),
        tokens: fc.integer({ min: -2_000, max: 2_000 }),
        answered: fc.boolean(),
        succeeded: fc.boolean(),
      }),
      fc.record({
        op: fc.constant('pause' as const),
        ms: fc.integer({ min: 0, max: 5_000 }),
        shrinkBurst: fc.boolean(),
      }),
      fc.record({
        op: fc.constant('observe' as const),
        limitRequests: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
        remainingRequests: fc.option(fc.integer({ min: -1, max: 600 }), { nil: undefined }),
        remainingTokens: fc.option(fc.integer({ min: -1, max: 90_000 }), { nil: undefined }),
        withContext: fc.boolean(),
      }),
      fc.record({ op: fc.constant('snapshot' as const), tokens: fc.integer({ min: 0, max: 5_000 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        config,
        fc.array(fc.tuple(step, fc.integer({ min: 0, max: 3_000 })), { minLength: 1, maxLength: 25 }),
        async (keyConfig, steps) => {
          let now = 1_700_000_000_000;
          const clock = () => now;
          const memory = createMemoryRateLimitStore({ now: clock });
          const redis = createRedisRateLimitStore({ redis: client, now: clock, prefix: `eq:${run++}:` });
          let lastAt = now;
          for (const [action, advance] of steps) {
            now += advance;
            const [a, b] = await Promise.all([apply(memory, action), apply(redis, action)]);
            expectSame(a, b, `${action.op} at +${now - 1_700_000_000_000} ms`);
            if (action.op === 'reserve' && a && typeof a === 'object' && 'at' in a) lastAt = a.at as number;
          }
          expect(lastAt).toBeGreaterThan(0);

          function apply(store: RateLimitStore, action: (typeof steps)[number][0]): Promise<unknown> {
            switch (action.op) {
              case 'reserve':
                return store.reserve('k', { config: keyConfig, tokens: action.tokens });
              case 'adjust':
                return store.adjust('k', { config: keyConfig, ...action });
              case 'pause':
                return store.pause('k', action);
              case 'observe':
                return store.observe('k', {
                  config: keyConfig,
                  info: {
                    ...(action.limitRequests !== undefined ? { limitRequests: action.limitRequests } : {}),
                    ...(action.remainingRequests !== undefined ? { remainingRequests: action.remainingRequests } : {}),
                    ...(action.remainingTokens !== undefined ? { remainingTokens: action.remainingTokens } : {}),
                  },
                  ...(action.withContext
                    ? {
                        context: {
                          sentAt: lastAt,
                          chargedBefore: { requests: 0, tokens: 0 },
                          ownCharge: { requests: 1, tokens: 10 },
                        },
                      }
                    : {}),
                });
              case 'snapshot':
                return store.snapshot('k', {
                  config: keyConfig,
                  tokens: action.tokens,
                  ahead: { requests: 1, tokens: 5 },
                });
            }
          }
        },
      ),
      { numRuns: 60, seed: 20261204 },
    );
  });

  it('shares one bucket between stores (processes): exactly the capacity is granted across them', async () => {
    const config: KeyConfig = { limits: { requestsPerMinute: 12 }, windowMs: undefined, headroomMs: 0 };
    const many = Array.from({ length: 4 }, () => createRedisRateLimitStore({ redis: server.url }));
    stores.push(...many);
    const results = await Promise.all(
      Array.from({ length: 48 }, (_, i) => many[i % 4]?.reserve('shared', { config, tokens: 0 })),
    );
    expect(results.filter((r) => r?.ok).length).toBe(12);
  });

  it('names every bad option at once', () => {
    expect(() =>
      createRedisRateLimitStore({ redis: 'http://x', prefx: 'a', ttlMs: -1, onUnavailable: 'maybe' } as never),
    ).toThrow(
      expect.objectContaining({
        code: 'config',
        message: expect.stringMatching(
          /prefx: is not a known option \(did you mean prefix\?\)[\s\S]*redis[\s\S]*ttlMs[\s\S]*onUnavailable/,
        ),
      }),
    );
    expect(() => createRedisRateLimitStore(undefined as never)).toThrow(/options object/);
    expect(() => createRedisRateLimitStore({} as never)).toThrow(/redis: is required/);
  });
});

describe.skipIf(skipRedis)('Redis outage policies', () => {
  const config: KeyConfig = { limits: { requestsPerMinute: 60 }, windowMs: undefined, headroomMs: 0 };

  async function outage(policy: 'local' | 'fail-open' | 'fail-closed') {
    const { server, client } = await startRedis();
    client.disconnect();
    const events: StoreAvailabilityEvent[] = [];
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } as never;
    const store = createRedisRateLimitStore({
      redis: server.url,
      onUnavailable: policy,
      expectedWorkers: 4,
      timeoutMs: 500,
      logger,
      hooks: { onStoreAvailability: (event) => events.push(event) },
    });
    expect((await store.reserve('k', { config, tokens: 0 })).ok).toBe(true);
    await server.stop();
    return { server, store, events, warnings };
  }

  it('local: a per-process limiter at 1/expectedWorkers of the limit, then shared again after Redis returns', async () => {
    const { server, store, events, warnings } = await outage('local');
    try {
      const results = [];
      for (let i = 0; i < 30; i++) results.push(await store.reserve('k', { config, tokens: 0 }));
      // 60 RPM over 4 workers: a burst of about 15 here, not 60.
      const granted = results.filter((r) => r.ok).length;
      expect(granted).toBeGreaterThanOrEqual(14);
      expect(granted).toBeLessThanOrEqual(16);
      expect(store.available).toBe(false);
      expect(events.map((e) => e.state)).toEqual(['unavailable']);
      expect(events[0]?.policy).toBe('local');
      expect(warnings[0]).toMatch(/unavailable.*policy local at 1\/4/);
      await server.restart();
      await waitFor(async () => (await store.snapshot('fresh', { config })).requests !== undefined && store.available);
      expect(events.map((e) => e.state)).toEqual(['unavailable', 'recovered']);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('fail-open lets calls through; fail-closed fails them with a retryable NetworkError', async () => {
    const open = await outage('fail-open');
    try {
      for (let i = 0; i < 100; i++) expect((await open.store.reserve('k', { config, tokens: 0 })).ok).toBe(true);
      await open.store.adjust('k', { config, requests: 0, tokens: 1, answered: true, succeeded: true });
      await open.store.pause('k', { ms: 1_000, shrinkBurst: true });
      await open.store.observe('k', { config, info: { remainingRequests: 0 } });
      expect((await open.store.snapshot('k', { config })).pausedForMs).toBe(0);
    } finally {
      await open.store.close();
    }
    const closed = await outage('fail-closed');
    try {
      await expect(closed.store.reserve('k', { config, tokens: 0 })).rejects.toMatchObject({
        code: 'network',
        retryable: true,
        message: expect.stringContaining('fail-closed'),
      });
    } finally {
      await closed.store.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectSame(a: unknown, b: unknown, where: string): void {
  expect(normalise(b), where).toEqual(normalise(a));
}

/** Numbers to 9 significant digits (Lua's JSON rounds results to 14), undefined fields dropped. */
function normalise(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(9)) : value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

describe.skipIf(skipRedis)('Redis store edges', () => {
  const config: KeyConfig = { limits: { requestsPerMinute: 60 }, windowMs: undefined, headroomMs: 0 };

  it('reloads its script after Redis forgets it, takes connection options, and waits for a lazy client', async () => {
    const { server, client } = await startRedis();
    const lazy = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
    lazy.on('error', () => {});
    const viaOptions = createRedisRateLimitStore({ redis: { port: server.port, host: '127.0.0.1' } });
    const viaLazy = createRedisRateLimitStore({ redis: lazy });
    try {
      expect((await viaOptions.reserve('a', { config, tokens: 0 })).ok).toBe(true);
      await client.script('FLUSH');
      expect((await viaOptions.reserve('a', { config, tokens: 0 })).ok).toBe(true);
      expect((await viaLazy.reserve('b', { config, tokens: 0 })).ok).toBe(true);
      expect(viaLazy.available).toBe(true);
    } finally {
      await viaOptions.close();
      await viaLazy.close();
      lazy.disconnect();
      client.disconnect();
      await server.stop();
    }
  });

  it('surfaces a script error instead of treating it as an outage, and survives a throwing hook', async () => {
    const { server, client } = await startRedis();
    const warnings: string[] = [];
    const store = createRedisRateLimitStore({
      redis: client,
      timeoutMs: 300,
      logger: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } as never,
      hooks: {
        onStoreAvailability() {
          throw new Error('observer broke');
        },
      },
    });
    try {
      await client.set('switchboard:ratelimit:broken', 'not json');
      await expect(store.reserve('broken', { config, tokens: 0 })).rejects.toThrow();
      client.disconnect();
      expect((await store.reserve('k', { config, tokens: 0 })).ok).toBe(true);
      expect(warnings.some((w) => w.includes('observer broke'))).toBe(true);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
