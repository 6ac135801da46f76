import { expectAzure, expectOpenAI } from '@internal/conformance';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 16 * 1024 });
});
afterAll(() => server.close());

const PATHS = [
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/images/generations',
  '/v1/batches',
  '/v1/files',
  '/openai/v1/chat/completions',
  '/openai/deployments/d/embeddings?api-version=2024-10-21',
  '/openai/batches?api-version=2024-10-21',
];

const chatLike = fc.record(
  {
    model: fc.oneof(fc.constant('gpt-4o'), fc.anything()),
    messages: fc.oneof(
      fc.anything(),
      fc.array(
        fc.record(
          {
            role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool'), fc.anything()),
            content: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    input: fc.anything(),
    prompt: fc.anything(),
    n: fc.anything(),
    stream: fc.anything(),
    tools: fc.anything(),
    response_format: fc.anything(),
    dimensions: fc.anything(),
    input_file_id: fc.anything(),
    endpoint: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('arbitrary bodies', () => {
  it('always answer a valid JSON body (200 or a real error shape), never crash, never hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.oneof(chatLike, fc.anything(), fc.string()),
        async (path, value) => {
          const body = typeof value === 'string' ? value : JSON.stringify(value ?? null);
          const response = await fetch(`${server.origin}${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TEST_KEY}`, 'api-key': TEST_KEY, 'content-type': 'application/json' },
            body: body ?? 'undefined',
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          expect([200, 400, 404, 413]).toContain(response.status);
          if (response.status === 200) return;
          const parsed = JSON.parse(text);
          if (path.startsWith('/openai/')) expectAzure('errorResponse', parsed);
          else expectOpenAI('ErrorResponse', parsed);
        },
      ),
      { numRuns: 300 },
    );
    const internal = server.control.requests().filter((entry) => entry.fault?.startsWith('internal'));
    expect(internal).toEqual([]);
  });
});
