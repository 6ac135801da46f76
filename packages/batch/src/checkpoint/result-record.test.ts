import { RateLimitError, SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../types/batch-result.js';
import { parseResultRecord, reviveError, serializeResultRecord } from './result-record.js';

const chat = {
  id: 'c1',
  model: 'gpt-4o-mini',
  text: 'hello',
  toolCalls: [],
  refusal: null,
  finishReason: 'stop' as const,
  rawFinishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
};

describe('result records', () => {
  it('round-trips a chat success as a checkpoint replay', () => {
    const result: BatchResult = {
      customId: 'a',
      source: 'run',
      ok: true,
      chat,
      latencyMs: 12,
      attempts: 2,
      costUsd: 0.5,
    };
    const record = parseResultRecord(JSON.parse(serializeResultRecord(result, 'h1')));
    expect(record).toEqual({
      type: 'result',
      customId: 'a',
      requestHash: 'h1',
      result: { ...result, source: 'checkpoint' },
    });
  });

  it('round-trips embeddings as Float32Arrays', () => {
    const embedding = {
      model: 'e',
      embeddings: [new Float32Array([0.5, -1])],
      usage: { inputTokens: 2, totalTokens: 2 },
    };
    const result: BatchResult = {
      customId: 'e',
      source: 'run',
      ok: true,
      embedding,
      latencyMs: 1,
      attempts: 1,
      costUsd: 0,
    };
    const record = parseResultRecord(JSON.parse(serializeResultRecord(result, 'h')));
    expect(record?.result.ok && record.result.embedding?.embeddings[0]).toEqual(new Float32Array([0.5, -1]));
  });

  it('round-trips a failure as a typed error with its code and retryability', () => {
    const error = new RateLimitError({ message: 'slow down', status: 429, provider: 'openai', retryAfterMs: 20 });
    const result: BatchResult = {
      customId: 'f',
      source: 'run',
      ok: false,
      error,
      latencyMs: 1,
      attempts: 4,
      costUsd: 0,
    };
    const record = parseResultRecord(JSON.parse(serializeResultRecord(result, 'h')));
    const revived = record?.result.ok === false ? record.result.error : undefined;
    expect(revived).toBeInstanceOf(SwitchboardError);
    expect(revived).toMatchObject({
      code: 'rate-limit',
      retryable: true,
      status: 429,
      provider: 'openai',
      retryAfterMs: 20,
    });
  });

  it('rejects lines that are not result records', () => {
    expect(parseResultRecord(null)).toBeUndefined();
    expect(parseResultRecord({ type: 'header' })).toBeUndefined();
    expect(parseResultRecord({ type: 'result', customId: 'a', requestHash: 'h' })).toBeUndefined();
    expect(parseResultRecord({ type: 'result', customId: 'a', requestHash: 'h', ok: true })).toBeUndefined();
    expect(
      parseResultRecord({ type: 'result', customId: 'a', requestHash: 'h', ok: false, error: {} }),
    ).toBeUndefined();
    expect(
      parseResultRecord({
        type: 'result',
        customId: 'a',
        requestHash: 'h',
        ok: true,
        latencyMs: 'x',
        embedding: { embeddings: [1] },
      }),
    ).toMatchObject({ result: { latencyMs: 0, embedding: { embeddings: [new Float32Array()] } } });
    expect(reviveError({ code: 'server', message: 'x' })).toMatchObject({ code: 'server', retryable: false });
    expect(reviveError('nope')).toBeUndefined();
  });
});
