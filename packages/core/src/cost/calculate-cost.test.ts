import { describe, expect, it } from 'vitest';
import { calculateCost } from './calculate-cost.js';

describe('calculateCost', () => {
  it('prices uncached, cached and output tokens from the catalog', () => {
    const cost = calculateCost('gpt-5-mini-2025-08-07', {
      inputTokens: 1_000_000,
      cachedInputTokens: 400_000,
      outputTokens: 100_000,
    });
    expect(cost).toMatchObject({ model: 'gpt-5-mini', priced: true, batch: false });
    expect(cost.inputUsd).toBeCloseTo(0.6 * 0.25, 10);
    expect(cost.cachedInputUsd).toBeCloseTo(0.4 * 0.025, 10);
    expect(cost.outputUsd).toBeCloseTo(0.1 * 2, 10);
    expect(cost.totalUsd).toBeCloseTo(0.15 + 0.01 + 0.2, 10);
  });

  it('applies the Batch API discount', () => {
    const full = calculateCost('gpt-4o', { inputTokens: 1_000, outputTokens: 1_000 });
    const batch = calculateCost('gpt-4o', { inputTokens: 1_000, outputTokens: 1_000 }, { batch: true });
    expect(batch.totalUsd).toBeCloseTo(full.totalUsd / 2, 12);
    expect(batch.batch).toBe(true);
  });

  it('bills cached tokens at the input rate when there is no cached price, and caps them at the input', () => {
    const cost = calculateCost('gpt-4', { inputTokens: 100, cachedInputTokens: 1_000, outputTokens: 0 });
    expect(cost.cachedInputUsd).toBeCloseTo((100 * 30) / 1e6, 12);
    expect(cost.inputUsd).toBe(0);
  });

  it('returns zero and priced: false for unknown or unpriced models', () => {
    expect(calculateCost('mystery', { inputTokens: 10, outputTokens: 10 })).toMatchObject({
      priced: false,
      totalUsd: 0,
    });
    expect(calculateCost('dall-e-3', { inputTokens: 10, outputTokens: 10 }).priced).toBe(false);
  });
});
