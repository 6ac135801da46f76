import { expectOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { openaiClient, rawFetch, startTestServer } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function decode(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

describe('embeddings', () => {
  it('returns float vectors of the model size, unit length, deterministic per input', async () => {
    const client = openaiClient(server);
    const response = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'], encoding_format: 'float' })
      .asResponse();
    const body = expectOpenAI('CreateEmbeddingResponse', await response.json());
    expect(body.data).toHaveLength(3);
    const [a, b, c] = body.data.map((item: { embedding: number[] }) => item.embedding);
    expect(a).toHaveLength(1536);
    expect(a).toEqual(c);
    expect(a).not.toEqual(b);
    const norm = Math.sqrt(a.reduce((sum: number, value: number) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 4);
    expect(body.usage.prompt_tokens).toBe(body.usage.total_tokens);
    expect(body.usage.prompt_tokens).toBeGreaterThanOrEqual(3);
  });

  it('returns base64 that decodes to the same floats (the SDK default), honouring dimensions', async () => {
    const client = openaiClient(server);
    const raw = await (
      await client.embeddings
        .create({ model: 'text-embedding-3-large', input: 'gamma', encoding_format: 'base64', dimensions: 256 })
        .asResponse()
    ).json();
    const decoded = {
      ...raw,
      data: raw.data.map((item: { embedding: string }) => ({ ...item, embedding: decode(item.embedding) })),
    };
    expectOpenAI('CreateEmbeddingResponse', decoded);
    expect(decoded.data[0].embedding).toHaveLength(256);
    const viaSdk = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'gamma', dimensions: 256 });
    expect(viaSdk.data[0]?.embedding).toEqual(decoded.data[0].embedding);
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'gamma',
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(floats.data[0]?.embedding).toEqual(decoded.data[0].embedding);
  });

  it('accepts token arrays and rejects bad input with the real errors', async () => {
    const client = openaiClient(server);
    const tokens = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: [1, 2, 3],
      encoding_format: 'float',
    });
    expect(tokens.usage.prompt_tokens).toBe(3);
    for (const [body, message] of [
      [{ model: 'text-embedding-3-small' }, "Missing required parameter: 'input'."],
      [{ model: 'text-embedding-3-small', input: '' }, "'$.input' is invalid"],
      [{ model: 'text-embedding-ada-002', input: 'x', dimensions: 8 }, 'does not support specifying dimensions'],
      [{ model: 'text-embedding-3-small', input: 'x', dimensions: 5000 }, 'above maximum value'],
      [{ model: 'text-embedding-3-small', input: 'x', encoding_format: 'hex' }, "Invalid value: 'hex'"],
      [{ model: 'text-embedding-3-small', input: [{}] }, 'Invalid type for'],
      [{ input: 'x' }, 'you must provide a model parameter'],
    ] as const) {
      const response = await rawFetch(server, '/v1/embeddings', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      const error = expectOpenAI('ErrorResponse', await response.json());
      expect(error.error.message).toContain(message);
    }
  });
});
