import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { embeddingResponseSchema } from './embedding-schema.js';
import { mapEmbeddingRequest } from './map-embedding-request.js';
import { mapEmbeddingResponse } from './map-embedding-response.js';

const recorded = JSON.parse(
  readFileSync(join(referenceDir, 'fixtures/vercel-ai/openai_embedding_openai-embedding.json'), 'utf8'),
);

describe('mapEmbeddingResponse', () => {
  it('maps a recorded real response', () => {
    const response = mapEmbeddingResponse(embeddingResponseSchema.parse(recorded));
    expect(response.model).toBe(recorded.model);
    expect(response.embeddings).toHaveLength(recorded.data.length);
    expect(Array.from(response.embeddings[0] ?? [])).toEqual(
      recorded.data[0].embedding.map((v: number) => Math.fround(v)),
    );
    expect(response.usage).toEqual({
      inputTokens: recorded.usage.prompt_tokens,
      totalTokens: recorded.usage.total_tokens,
    });
  });

  it('orders vectors by index and copes with missing usage', () => {
    const response = mapEmbeddingResponse(
      embeddingResponseSchema.parse({
        model: 'm',
        data: [
          { index: 1, embedding: [2] },
          { index: 0, embedding: [1] },
        ],
      }),
    );
    expect(response.embeddings.map((v) => v[0])).toEqual([1, 2]);
    expect(response.usage).toEqual({ inputTokens: 0, totalTokens: 0 });
  });
});

describe('mapEmbeddingRequest', () => {
  it('asks for base64 by default, passes provider options through', () => {
    expect(
      mapEmbeddingRequest(
        { model: 'x', input: 'a', encodingFormat: 'float', providerOptions: { openai: { extra: 1 } } },
        { model: 'text-embedding-3-small', providerOptionsKey: 'openai' },
      ),
    ).toEqual({ model: 'text-embedding-3-small', input: 'a', encoding_format: 'float', extra: 1 });
    expect(mapEmbeddingRequest({ model: 'x', input: ['a'] }, { model: 'y', providerOptionsKey: 'openai' })).toEqual({
      model: 'y',
      input: ['a'],
      encoding_format: 'base64',
    });
  });
});
