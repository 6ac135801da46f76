import { ServerError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../types/batch-result.js';
import { ProgressTracker } from './progress.js';

const ok = (source: BatchResult['source'] = 'run'): BatchResult => ({
  customId: 'x',
  source,
  ok: true,
  latencyMs: 1,
  attempts: 1,
  costUsd: 0.25,
  chat: {
    id: 'a',
    model: 'm',
    text: '',
    toolCalls: [],
    refusal: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 4, outputTokens: 2, totalTokens: 6 },
  },
});

describe('ProgressTracker', () => {
  it('counts results, tokens and cost, and derives the rate and ETA from the last seconds', () => {
    let now = 0;
    const tracker = new ProgressTracker(() => now);
    tracker.total = 10;
    expect(tracker.snapshot()).toMatchObject({ done: 0, requestsPerSecond: 0, etaMs: undefined });
    now = 500;
    tracker.record(ok());
    tracker.record(ok('checkpoint'));
    tracker.record({
      customId: 'f',
      source: 'run',
      ok: false,
      latencyMs: 1,
      attempts: 3,
      costUsd: 0,
      error: new ServerError({ message: 'x' }),
    });
    tracker.record({
      customId: 'e',
      source: 'run',
      ok: true,
      latencyMs: 1,
      attempts: 1,
      costUsd: 0,
      embedding: { model: 'e', embeddings: [], usage: { inputTokens: 7, totalTokens: 7 } },
    });
    now = 1_000;
    const snapshot = tracker.snapshot();
    expect(snapshot).toMatchObject({
      done: 4,
      succeeded: 2,
      failed: 1,
      fromCheckpoint: 1,
      inputTokens: 11,
      outputTokens: 2,
      costUsd: 0.25,
    });
    expect(snapshot.requestsPerSecond).toBeCloseTo(3);
    expect(snapshot.etaMs).toBeCloseTo(2_000);
    // Fifteen quiet seconds later the window is empty: no rate, no ETA.
    now = 16_000;
    expect(tracker.snapshot()).toMatchObject({ requestsPerSecond: 0, etaMs: undefined });
    tracker.total = 4;
    expect(tracker.snapshot().etaMs).toBe(0);
  });

  it('has no ETA while the total is unknown', () => {
    const tracker = new ProgressTracker();
    tracker.record(ok());
    expect(tracker.snapshot()).toMatchObject({ total: undefined, etaMs: undefined, done: 1 });
  });
});
