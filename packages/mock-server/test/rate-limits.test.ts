import { expectAzure, expectOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { azureClient, openaiClient, startTestServer, TEST_KEY } from './helpers.js';

const RATE_HEADERS = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
];
const DURATION = /^(\d+h)?(\d+m)?(\d+(\.\d+)?s)?$|^\d+ms$/;
const messages = [{ role: 'user' as const, content: 'limits' }];

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({
    apiKeys: [TEST_KEY, 'sk-second-key-000002'],
    rateLimits: { rpm: 3, tpm: 1_000_000 },
  });
});
afterAll(() => server.close());

async function chatRaw(model = 'gpt-4o', key = TEST_KEY, body: Record<string, unknown> = {}) {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages, ...body }),
  });
}

describe('OpenAI mode', () => {
  it('sends every x-ratelimit header, counts down, then answers the real 429', async () => {
    server.control.rateLimits.reset();
    const { data, response } = await openaiClient(server)
      .chat.completions.create({ model: 'gpt-4o', messages })
      .withResponse();
    expect(data.choices).toHaveLength(1);
    for (const name of RATE_HEADERS) expect(response.headers.get(name), name).not.toBeNull();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('2');
    expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(DURATION);
    expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(19|20)(\.\d+)?s$/);
    expect(response.headers.get('x-ratelimit-reset-tokens')).toMatch(/ms$/);
    await chatRaw();
    await chatRaw();
    const limited = await chatRaw();
    expect(limited.status).toBe(429);
    for (const name of RATE_HEADERS) expect(limited.headers.get(name), name).not.toBeNull();
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const retryAfterMs = Number(limited.headers.get('retry-after-ms'));
    expect(retryAfterMs).toBeGreaterThan(15_000);
    expect(retryAfterMs).toBeLessThanOrEqual(20_000);
    expect(Number(limited.headers.get('retry-after'))).toBe(Math.ceil(retryAfterMs / 1000));
    const body = expectOpenAI('ErrorResponse', await limited.json());
    expect(body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded', param: null });
    expect(body.error.message).toMatch(
      /^Rate limit reached for gpt-4o in organization org-mock on requests per min \(RPM\): Limit 3, Used 3, Requested 1\. Please try again in \d+(\.\d+)?s\./,
    );
    const error = await openaiClient(server)
      .chat.completions.create({ model: 'gpt-4o', messages })
      .catch((caught: { status: number }) => caught);
    expect((error as { status: number }).status).toBe(429);
  });

  it('keeps separate buckets per key and per model', async () => {
    server.control.rateLimits.reset();
    for (let i = 0; i < 3; i++) expect((await chatRaw()).status).toBe(200);
    expect((await chatRaw()).status).toBe(429);
    expect((await chatRaw('gpt-4o', 'sk-second-key-000002')).status).toBe(200);
    expect((await chatRaw('gpt-4o-mini')).status).toBe(200);
  });

  it('limits tokens: estimate = prompt + max tokens, the real TPM message, and too-large requests', async () => {
    server.control.rateLimits.configure({ rpm: 1000, tpm: 200 });
    const first = await chatRaw('gpt-4o', TEST_KEY, { max_completion_tokens: 100 });
    expect(first.status).toBe(200);
    const remaining = Number(first.headers.get('x-ratelimit-remaining-tokens'));
    expect(remaining).toBeGreaterThan(50);
    expect(remaining).toBeLessThan(100);
    const second = await chatRaw('gpt-4o', TEST_KEY, { max_completion_tokens: 150 });
    expect(second.status).toBe(429);
    const body = expectOpenAI('ErrorResponse', await second.json());
    expect(body.error.type).toBe('tokens');
    expect(body.error.message).toContain('on tokens per min (TPM): Limit 200');
    const huge = await chatRaw('gpt-4o', TEST_KEY, { max_completion_tokens: 5000 });
    expect(huge.status).toBe(429);
    expect((await huge.json()).error.message).toMatch(/^Request too large for gpt-4o/);
  });

  it('refills continuously', async () => {
    server.control.rateLimits.configure({ rpm: 120 });
    let accepted = 0;
    let limited: Response | undefined;
    for (let i = 0; i < 1000 && !limited; i++) {
      const response = await chatRaw('gpt-4.1-nano');
      if (response.status === 429) limited = response;
      else accepted++;
      await response.arrayBuffer();
    }
    expect(accepted).toBeGreaterThanOrEqual(120);
    const retryAfterMs = Number(limited?.headers.get('retry-after-ms'));
    expect(retryAfterMs).toBeLessThanOrEqual(500);
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 20));
    expect((await chatRaw('gpt-4.1-nano')).status).toBe(200);
  });

  it('applies per-model limits and limits embeddings and images too', async () => {
    server.control.rateLimits.configure({ perModel: { 'text-embedding-3-small': { rpm: 1 }, 'dall-e-2': { tpm: 1 } } });
    const client = openaiClient(server);
    const { response } = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'a' }).withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('1000000000');
    await expect(client.embeddings.create({ model: 'text-embedding-3-small', input: 'a' })).rejects.toMatchObject({
      status: 429,
    });
    await expect(client.images.generate({ model: 'dall-e-2', prompt: 'a long prompt here' })).rejects.toMatchObject({
      status: 429,
    });
    const unlimited = await chatRaw('gpt-4o');
    expect(unlimited.headers.get('x-ratelimit-limit-requests')).toBeNull();
    await unlimited.arrayBuffer();
  });

  it('switches insufficient_quota on and off per key', async () => {
    server.control.rateLimits.configure({});
    server.control.rateLimits.setQuotaExceeded(true, TEST_KEY);
    const response = await chatRaw();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(expectOpenAI('ErrorResponse', await response.json()).error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
    expect((await chatRaw('gpt-4o', 'sk-second-key-000002')).status).toBe(200);
    server.control.rateLimits.setQuotaExceeded(false, TEST_KEY);
    expect((await chatRaw()).status).toBe(200);
  });
});

describe('Azure mode', () => {
  it('enforces the per-minute limit over 10-second windows with Azure 429 bodies', async () => {
    const azure = await startTestServer({ mode: 'azure', rateLimits: { rpm: 12, tpm: 1_000_000 } });
    try {
      const client = azureClient(azure);
      const { response } = await client.chat.completions.create({ model: 'dep', messages }).withResponse();
      for (const name of RATE_HEADERS) expect(response.headers.get(name), name).not.toBeNull();
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('12');
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
      const second = await client.chat.completions.create({ model: 'dep', messages }).withResponse();
      expect(second.response.status).toBe(200);
      const limited = await fetch(`${azure.azureUrl}/openai/deployments/dep/chat/completions?api-version=2024-10-21`, {
        method: 'POST',
        headers: { 'api-key': TEST_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ messages }),
      });
      expect(limited.status).toBe(429);
      const retryAfterMs = Number(limited.headers.get('retry-after-ms'));
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(10_000);
      const body = expectAzure('errorResponse', await limited.json());
      expect(body.error.code).toBe('429');
      expect(body.error.message).toMatch(
        /^Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit/,
      );
      azure.control.rateLimits.configure({ tpm: 6 });
      const tokens = await fetch(`${azure.azureUrl}/openai/deployments/dep/embeddings?api-version=2024-10-21`, {
        method: 'POST',
        headers: { 'api-key': TEST_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ input: 'a fairly long input text that costs tokens' }),
      });
      expect(tokens.status).toBe(429);
      expect((await tokens.json()).error.message).toContain('Embeddings_Create');
    } finally {
      await azure.close();
    }
  });
});
