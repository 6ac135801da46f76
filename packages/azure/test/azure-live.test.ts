import { createRecordingFetch } from '@internal/provider-suite';
import type { Provider } from '@switchboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAzureProvider } from '../src/index.js';
import { validateAzureDatedRequest, validateAzureV1Request } from './support/validate-azure-request.js';

/**
 * Live tests against a real Azure OpenAI resource. They run when AZURE_OPENAI_ENDPOINT and a key
 * (AZURE_OPENAI_API_KEY) or an Entra ID token (AZURE_OPENAI_AD_TOKEN) are set; the chat deployment is
 * AZURE_OPENAI_DEPLOYMENT (default gpt-4o-mini), the dated version AZURE_OPENAI_API_VERSION (default 2024-10-21),
 * and embeddings run when AZURE_OPENAI_EMBEDDING_DEPLOYMENT is set.
 */
const env = process.env;
const endpoint = env.AZURE_OPENAI_ENDPOINT?.trim();
const apiKey = env.AZURE_OPENAI_API_KEY?.trim();
const token = env.AZURE_OPENAI_AD_TOKEN?.trim();
const deployment = env.AZURE_OPENAI_DEPLOYMENT?.trim() || 'gpt-4o-mini';
const datedVersion = env.AZURE_OPENAI_API_VERSION?.trim() || '2024-10-21';
const embeddingDeployment = env.AZURE_OPENAI_EMBEDDING_DEPLOYMENT?.trim();

const skipReason = !endpoint
  ? 'AZURE_OPENAI_ENDPOINT is not set'
  : !apiKey && !token
    ? 'neither AZURE_OPENAI_API_KEY nor AZURE_OPENAI_AD_TOKEN is set'
    : undefined;
if (skipReason) console.info(`Skipping the live Azure OpenAI tests: ${skipReason}.`);

const recorder = createRecordingFetch();

function live(apiVersion: string): Provider {
  return createAzureProvider({
    endpoint: endpoint as string,
    fetch: recorder.fetch,
    ...(apiKey ? { apiKey } : { tokenProvider: async () => token as string }),
    apiVersion,
    timeoutMs: 60_000,
  });
}

describe.skipIf(skipReason !== undefined).each(['v1', datedVersion])('azure live (%s)', (apiVersion) => {
  const provider = () => live(apiVersion);

  afterEach(async () => {
    await recorder.settled();
    const problems = recorder.requests.flatMap((request) =>
      apiVersion === 'v1' ? validateAzureV1Request(request) : validateAzureDatedRequest(request, apiVersion),
    );
    recorder.clear();
    expect(problems, 'live request bodies must validate against the specs').toEqual([]);
  });

  it('checkConnection succeeds', { timeout: 60_000 }, async () => {
    const status = await provider().checkConnection?.();
    expect(status?.problem).toBeUndefined();
    expect(status?.ok).toBe(true);
  });

  it('chats, with usage and content filter metadata', { timeout: 60_000 }, async () => {
    const response = await provider().chat({
      model: deployment,
      messages: [{ role: 'user', content: 'Reply with the single word: pong' }],
      maxOutputTokens: 20,
    });
    expect(response.text.toLowerCase()).toContain('pong');
    expect(response.usage?.totalTokens).toBeGreaterThan(0);
    expect(response.requestId).toBeTruthy();
    expect(response.providerMetadata?.azure).toBeDefined();
  });

  it('streams, with the prompt filter results of the first chunk', { timeout: 60_000 }, async () => {
    const stream = provider().streamChat({
      model: deployment,
      messages: [{ role: 'user', content: 'Count from 1 to 5.' }],
      maxOutputTokens: 40,
    });
    const response = await stream.response;
    expect(response.text).toMatch(/1.*5/s);
    expect(response.finishReason).toBe('stop');
    expect(response.providerMetadata?.azure).toHaveProperty('promptFilterResults');
  });

  it.skipIf(!embeddingDeployment)('embeds', { timeout: 60_000 }, async () => {
    const response = await provider().embed?.({ model: embeddingDeployment as string, input: ['a', 'b'] });
    expect(response?.embeddings).toHaveLength(2);
  });
});

describe.skipIf(skipReason !== undefined)('azure live Responses API (v1)', () => {
  const provider = () =>
    createAzureProvider({
      endpoint: endpoint as string,
      fetch: recorder.fetch,
      ...(apiKey ? { apiKey } : { tokenProvider: async () => token as string }),
      api: 'responses',
      timeoutMs: 60_000,
    });

  afterEach(async () => {
    await recorder.settled();
    const problems = recorder.requests.flatMap((request) => validateAzureV1Request(request));
    recorder.clear();
    expect(problems, 'live request bodies must validate against the spec').toEqual([]);
  });

  it('chat and stream over /openai/v1/responses', { timeout: 60_000 }, async () => {
    const request = {
      model: deployment,
      messages: [{ role: 'user' as const, content: 'Reply with the single word: pong' }],
      maxOutputTokens: 16,
    };
    const response = await provider().chat(request);
    expect(response.text.toLowerCase()).toContain('pong');
    let text = '';
    const stream = provider().streamChat(request);
    for await (const delta of stream.textStream) text += delta;
    expect((await stream.response).text).toBe(text);
    expect(recorder.requests.every((r) => r.url.pathname === '/openai/v1/responses')).toBe(true);
  });
});
