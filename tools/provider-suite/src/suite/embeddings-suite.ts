import { describe, expect, it } from 'vitest';
import { type Harness, sentBodies } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

/** `embed`: one or many inputs, dimensions, base64 and float, inputs beyond the per-request limit. */
export function describeEmbeddings(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: embed`, () => {
    it('embeds a batch as base64, decoded to Float32Array in input order', async () => {
      const response = await harness.provider().embed?.({
        model: target.models.embedding,
        input: ['alpha', 'beta', 'gamma'],
        dimensions: 8,
        user: 'user-1',
      });
      expect(response?.embeddings).toHaveLength(3);
      for (const vector of response?.embeddings ?? []) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(8);
      }
      expect(response?.usage.inputTokens).toBeGreaterThan(0);
      expect(response?.requestId).toMatch(/^req_/);
      expect(sentBodies(harness.recorder, '/embeddings')[0]).toMatchObject({
        encoding_format: 'base64',
        dimensions: 8,
      });
    });

    it('gives the same vectors for float and base64', async () => {
      const provider = harness.provider();
      const request = { model: target.models.embedding, input: 'same text', dimensions: 16 };
      const asBase64 = await provider.embed?.(request);
      const asFloat = await provider.embed?.({ ...request, encodingFormat: 'float' });
      expect(Array.from(asFloat?.embeddings[0] ?? [])).toEqual(Array.from(asBase64?.embeddings[0] ?? []));
    });

    it('splits more than 2,048 inputs into several requests and joins them in order', async () => {
      const input = Array.from({ length: 2_050 }, (_, i) => `text ${i}`);
      const response = await harness.provider().embed?.({ model: target.models.embedding, input, dimensions: 4 });
      expect(response?.embeddings).toHaveLength(2_050);
      const bodies = sentBodies(harness.recorder, '/embeddings');
      expect(bodies.map((b) => (b.input as string[]).length)).toEqual([2_048, 2]);
      const single = await harness
        .provider()
        .embed?.({ model: target.models.embedding, input: 'text 2049', dimensions: 4 });
      expect(Array.from(response?.embeddings[2_049] ?? [])).toEqual(Array.from(single?.embeddings[0] ?? []));
    });

    it('rejects an empty input list before sending', async () => {
      await expect(harness.provider().embed?.({ model: target.models.embedding, input: [] })).rejects.toMatchObject({
        code: 'invalid-request',
      });
      expect(harness.recorder.requests).toHaveLength(0);
    });
  });
}
