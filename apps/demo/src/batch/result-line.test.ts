import type { BatchResult } from '@switchboard/batch';
import { RateLimitError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { resultLine } from './result-line.js';

const common = { customId: 'a', source: 'run' as const, latencyMs: 12.4, attempts: 2, costUsd: 0.5 };

describe('resultLine', () => {
  it('keeps an answer’s text and usage', () => {
    const result = {
      ...common,
      ok: true,
      chat: { text: 'hi', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
    } as BatchResult;
    expect(resultLine(result)).toEqual({
      customId: 'a',
      ok: true,
      source: 'run',
      latencyMs: 12,
      attempts: 2,
      costUsd: 0.5,
      text: 'hi',
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    });
  });

  it('summarises embeddings instead of writing the vectors', () => {
    const usage = { inputTokens: 3, outputTokens: 0, totalTokens: 3 };
    const result = {
      ...common,
      ok: true,
      embedding: { embeddings: [new Float32Array(8), new Float32Array(8)], usage },
    } as unknown as BatchResult;
    expect(resultLine(result)).toMatchObject({ embedding: { vectors: 2, dimensions: 8 }, usage });
    const empty = { ...common, ok: true, embedding: { embeddings: [], usage } } as unknown as BatchResult;
    expect(resultLine(empty)).toMatchObject({ embedding: { vectors: 0, dimensions: 0 } });
  });

  it('keeps an error’s code and message', () => {
    const result = { ...common, ok: false, error: new RateLimitError({ message: 'Slow down.' }) } as BatchResult;
    expect(resultLine(result)).toMatchObject({ ok: false, error: { code: 'rate-limit', message: 'Slow down.' } });
  });
});
