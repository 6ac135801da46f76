import { describe, expect, it } from 'vitest';
import { rateLimitStoreConformance } from '../../testing/index.js';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import { storeOperations } from './store-operations.js';

describe('memory store: the conformance suite', () => {
  for (const testCase of rateLimitStoreConformance(() => createMemoryRateLimitStore())) {
    it(testCase.name, testCase.run);
  }
});

describe('memory store', () => {
  it('runs on its own clock and hands out copies of its state', async () => {
    let clock = 1_000;
    const store = createMemoryRateLimitStore({ now: () => clock });
    const config = { limits: { requestsPerMinute: 60 }, windowMs: undefined, headroomMs: 0 };
    const first = await store.reserve('k', { config, tokens: 0 });
    expect(first).toMatchObject({ ok: true, at: 1_000 });
    clock = 4_000;
    const second = await store.reserve('k', { config, tokens: 0 });
    expect(second).toMatchObject({ ok: true, at: 4_000 });
    const state = store.state('k');
    expect(state?.charged).toEqual({ requests: 2, tokens: 0 });
    if (state) state.charged.requests = 99;
    expect(store.state('k')?.charged.requests).toBe(2);
    expect(store.state('missing')).toBeUndefined();
  });

  it('rejects (never throws) when an operation fails', async () => {
    const store = createMemoryRateLimitStore({
      now: () => {
        throw new Error('clock broke');
      },
    });
    await expect(store.pause('k', { ms: 1, shrinkBurst: false })).rejects.toThrow('clock broke');
  });

  it('its operations are pure: the given state is never changed', () => {
    const config = { limits: { requestsPerMinute: 60, tokensPerMinute: 600 }, windowMs: 1_000, headroomMs: 0 };
    const { state } = storeOperations.reserve(undefined, 0, { config, tokens: 5 });
    const before = structuredClone(state);
    storeOperations.reserve(state, 10, { config, tokens: 5 });
    storeOperations.adjust(state, 10, { config, requests: -1, tokens: -5, answered: true, succeeded: true });
    storeOperations.pause(state, 10, { ms: 100, shrinkBurst: true });
    storeOperations.observe(state, 10, { config, info: { remainingRequests: 0 } });
    const snap = storeOperations.snapshot(state, 10, { config });
    expect(snap.state).toBe(state);
    expect(state).toEqual(before);
  });
});
