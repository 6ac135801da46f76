import { AbortedError, ModelCatalog, type ModelInfo } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { BatchRequest } from '../types/batch-request.js';
import { formatDuration, planBatch } from './plan-batch.js';

const model: ModelInfo = {
  id: 'test-model',
  kind: 'chat',
  contextWindow: 128_000,
  maxOutputTokens: 16_000,
  encoding: 'o200k_base',
  capabilities: { vision: false, tools: true, jsonSchema: true, streaming: true, reasoning: false },
  pricing: { inputPerMTok: 2, outputPerMTok: 8, batchDiscount: 0.5, source: 'test', asOf: '2025-01-01' },
};
const catalog = new ModelCatalog([model]);

const requests = (n: number, maxOutputTokens?: number): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    customId: String(i),
    request: {
      model: 'test-model',
      messages: [{ role: 'user' as const, content: 'x' }],
      ...(maxOutputTokens ? { maxOutputTokens } : {}),
    },
  }));

const exact = { estimateTokens: () => 1_000, catalog };

describe('planBatch', () => {
  it('estimates tokens, cost both ways, and the duration under the rate limits', async () => {
    const plan = await planBatch(requests(600, 500), {
      ...exact,
      expectedOutputTokens: 200,
      rateLimits: { requestsPerMinute: 300, tokensPerMinute: 900_000 },
      concurrency: 50,
      latencyMs: 1_000,
    });
    expect(plan.requests).toBe(600);
    expect(plan.models).toEqual(['test-model']);
    expect(plan.tokens).toEqual({ input: 600_000, output: 120_000, perRequestReserved: 1_500, estimator: 'custom' });
    expect(plan.cost.realtimeUsd).toBeCloseTo(600_000 * 2e-6 + 120_000 * 8e-6);
    expect(plan.cost.batchUsd).toBeCloseTo(plan.cost.realtimeUsd / 2);
    expect(plan.cost.priced).toBe(true);
    // min(300 RPM, 900k TPM / 1500 = 600 RPM, 50 / 1 s = 3000 RPM) = 300 RPM: 600 requests take 2 minutes.
    expect(plan.duration).toMatchObject({ realtimeMs: 120_000, limitedBy: 'requests-per-minute', batchMs: 86_400_000 });
    expect(plan.batchJobs).toBe(1);
    expect(plan.recommendation.mode).toBe('batch-api');
    expect(plan.recommendation.reasons[0]).toMatch(/saves \$1\.08/);
  });

  it('picks local when the deadline is inside the Batch API window', async () => {
    const plan = await planBatch(requests(600), { ...exact, deadline: new Date(Date.now() + 3_600_000) });
    expect(plan.recommendation.mode).toBe('local');
    expect(plan.recommendation.reasons[0]).toMatch(/deadline is in/);
    const late = await planBatch(requests(10_000), {
      ...exact,
      deadline: 60_000,
      rateLimits: { requestsPerMinute: 100 },
    });
    expect(late.recommendation.mode).toBe('local');
    expect(late.recommendation.reasons.at(-1)).toMatch(/miss the deadline/);
  });

  it('picks the Batch API when a local run would take longer than its window or the deadline', async () => {
    const slow = await planBatch(requests(10_000), { ...exact, rateLimits: { tokensPerMinute: 5_000 } });
    expect(slow.duration.limitedBy).toBe('tokens-per-minute');
    expect(slow.recommendation.mode).toBe('batch-api');
    expect(slow.recommendation.reasons[0]).toMatch(/longer than the Batch API's 24 h window/);
    const tight = await planBatch(requests(10_000), {
      ...exact,
      deadline: 2 * 86_400_000,
      rateLimits: { requestsPerMinute: 5 },
    });
    expect(tight.recommendation.mode).toBe('batch-api');
  });

  it('stays local when the saving is small or unknown, or the input is empty', async () => {
    const small = await planBatch(requests(3), exact);
    expect(small.recommendation.mode).toBe('local');
    expect(small.recommendation.reasons[0]).toMatch(/less than the \$1\.00/);
    const unknown = await planBatch([{ customId: 'u', request: { model: 'mystery', messages: [] } }], { catalog });
    expect(unknown.cost.priced).toBe(false);
    expect(unknown.recommendation.mode).toBe('local');
    expect(unknown.recommendation.reasons[0]).toMatch(/no known price/);
    const empty = await planBatch([], exact);
    expect(empty).toMatchObject({ requests: 0, recommendation: { mode: 'local', reasons: ['the input is empty'] } });
  });

  it('counts embeddings as input only, prices as another model, and splits jobs at the limits', async () => {
    const embeddings: BatchRequest[] = Array.from({ length: 50_001 }, (_, i) => ({
      customId: String(i),
      kind: 'embedding',
      request: { model: 'text-embedding-3-small', input: 'abcd' },
    }));
    const plan = await planBatch(embeddings, { catalog, model: 'test-model' });
    expect(plan.tokens).toMatchObject({
      input: 50_001,
      output: 0,
      estimator: expect.stringMatching(/tokenizer|heuristic/),
    });
    expect(plan.models).toEqual(['test-model']);
    expect(plan.batchJobs).toBe(2);
  });

  it('counts with the tokenizer when it is installed, estimating what it cannot count', async () => {
    const plan = await planBatch(
      [
        { customId: 'a', request: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello world' }] } },
        {
          customId: 'b',
          request: {
            model: 'gpt-4o',
            messages: [{ role: 'user', content: [{ type: 'image', image: { path: '/no/such/image.png' } }] }],
          },
        },
      ],
      { catalog },
    );
    expect(plan.tokens.estimator).toBe('tokenizer');
    expect(plan.tokens.input).toBeGreaterThan(9);
  });

  it('reads async inputs and stops on abort', async () => {
    async function* stream() {
      yield* requests(2);
    }
    expect((await planBatch(stream(), exact)).requests).toBe(2);
    await expect(planBatch(requests(2), { ...exact, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(90_000)).toBe('1.5 min');
    expect(formatDuration(5_400_000)).toBe('1.5 h');
  });
});
