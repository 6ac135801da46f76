import { describe, expect, it } from 'vitest';
import { ServerError } from '../errors/error-classes.js';
import { UsageTracker } from './usage-tracker.js';

const response = (model: string, latencyMs: number, costUsd?: number) => ({
  provider: 'openai',
  model,
  operation: 'chat' as const,
  latencyMs,
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 2, reasoningTokens: 1 },
  ...(costUsd === undefined ? {} : { costUsd }),
});

describe('UsageTracker', () => {
  it('aggregates per provider and model with latency percentiles', () => {
    const tracker = new UsageTracker();
    for (let i = 1; i <= 100; i++) tracker.onResponse(response('gpt-4o', i, 0.01));
    tracker.onResponse(response('gpt-5-nano', 7));
    tracker.onError({
      provider: 'openai',
      model: 'gpt-4o',
      operation: 'chat',
      latencyMs: 1,
      error: new ServerError({ message: 'x' }),
    });
    tracker.onError({
      provider: 'azure',
      model: undefined,
      operation: 'checkConnection',
      latencyMs: 1,
      error: new ServerError({ message: 'x' }),
    });
    const [azure, gpt4o, nano] = tracker.snapshot();
    expect(azure).toMatchObject({ provider: 'azure', model: '(none)', errors: 1, requests: 0, latencyP50Ms: 0 });
    expect(gpt4o).toMatchObject({
      requests: 100,
      errors: 1,
      errorsByCode: { server: 1 },
      inputTokens: 1_000,
      cachedInputTokens: 200,
      outputTokens: 500,
      reasoningTokens: 100,
      latencyP50Ms: 50,
      latencyP95Ms: 95,
    });
    expect(gpt4o?.costUsd).toBeCloseTo(1, 10);
    expect(nano).toMatchObject({ requests: 1, latencyP50Ms: 7, latencyP95Ms: 7, costUsd: 0 });
    expect(tracker.totals()).toMatchObject({ requests: 101, errors: 2, inputTokens: 1_010 });
  });

  it('keeps latency memory bounded to the most recent samples', () => {
    const tracker = new UsageTracker(10);
    for (let i = 0; i < 1_000; i++) tracker.onResponse(response('gpt-4o', 1));
    for (let i = 0; i < 10; i++) tracker.onResponse(response('gpt-4o', 500));
    expect(tracker.snapshot()[0]).toMatchObject({ requests: 1_010, latencyP50Ms: 500 });
  });

  it('counts calls without usage and resets', () => {
    const tracker = new UsageTracker();
    tracker.onResponse({ provider: 'p', model: 'm', operation: 'generateImage', latencyMs: 3 });
    expect(tracker.snapshot()[0]).toMatchObject({ requests: 1, inputTokens: 0 });
    tracker.reset();
    expect(tracker.snapshot()).toEqual([]);
  });
});
