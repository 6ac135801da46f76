import { createOpenAIProvider } from '@switchboard/openai';
import { describe, expect, it } from 'vitest';
import { planBatch, runBatch } from '../src/index.js';

const key = process.env.OPENAI_API_KEY;
if (!key) console.info('batch live tests skipped: OPENAI_API_KEY is not set');

describe.skipIf(!key)('live OpenAI', () => {
  it('runs a tiny batch and plans it', async () => {
    const provider = createOpenAIProvider({ apiKey: key as string });
    const requests = ['red', 'blue'].map((color) => ({
      customId: color,
      request: {
        model: 'gpt-4o-mini',
        maxOutputTokens: 5,
        messages: [{ role: 'user' as const, content: `Say ${color}.` }],
      },
    }));
    const { results, summary } = await runBatch(provider, requests, { concurrency: 2 }).collect();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(summary.costUsd).toBeGreaterThan(0);
    const plan = await planBatch(requests);
    expect(plan.recommendation.mode).toBe('local');
  }, 60_000);
});
