// A provider built as a third party would build one: from the published entry points of @switchboard/core and
// @switchboard/openai/internal, with its own option schema and environment variables. Nothing in core knows about it
// (issue 16: adding a provider touches no core file).
import {
  type CrossFieldProblem,
  type EnvironmentVariables,
  type Provider,
  parseConfig,
  readEnvOptions,
} from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import {
  apiKeySchema,
  createOpenAICompatibleProvider,
  type OpenAITransport,
  realtimeUrl,
  resolveKey,
} from '@switchboard/openai/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/** Acme's options: its own names, its own checks. */
const acmeOptionsSchema = z.strictObject({
  apiKey: apiKeySchema,
  baseURL: z.url(),
  models: z.record(z.string(), z.string()).optional(),
});

const ACME_ENV = { apiKey: 'ACME_API_KEY', baseURL: 'ACME_BASE_URL' } as const;

function acmeChecks(input: Record<string, unknown>): CrossFieldProblem[] {
  return typeof input.apiKey === 'string' && !input.apiKey.startsWith('sk-')
    ? [{ path: ['apiKey'], message: 'Acme keys start with sk-' }]
    : [];
}

function createAcmeProvider(input: z.input<typeof acmeOptionsSchema>, sources?: Record<string, string>): Provider {
  const options = parseConfig(acmeOptionsSchema, input, {
    prefix: 'acme',
    crossCheck: acmeChecks,
    ...(sources ? { sources } : {}),
  });
  const getKey = () => resolveKey(options.apiKey, 'acme');
  // The transport description: where the API is and how to authenticate each request (no SDK client needed).
  const transport: OpenAITransport = {
    baseURL: options.baseURL,
    auth: async () => ({ Authorization: `Bearer ${await getKey()}` }),
  };
  return createOpenAICompatibleProvider({
    provider: 'acme',
    transport,
    endpoint: options.baseURL,
    resolveModel: (model) => options.models?.[model] ?? model,
    realtimeUrl: (model) => realtimeUrl(options.baseURL, model),
    realtimeHeaders: async () => ({ Authorization: `Bearer ${await getKey()}` }),
  });
}

function acmeFromEnv(env: EnvironmentVariables): Provider {
  const { values, sources } = readEnvOptions(ACME_ENV, env, 'acme');
  return createAcmeProvider(values as unknown as z.input<typeof acmeOptionsSchema>, sources);
}

describe('an OpenAI-compatible provider built from the public API alone', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ apiKeys: ['sk-acme-test-key'] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('chats and streams against the mock server under its own name', async () => {
    const acme = createAcmeProvider({ apiKey: 'sk-acme-test-key', baseURL: server.url, models: { fast: 'gpt-4o' } });
    expect(acme.name).toBe('acme');
    const response = await acme.chat({ model: 'fast', messages: [{ role: 'user', content: 'Say hello' }] });
    expect(response.text.length).toBeGreaterThan(0);
    expect(response.model).toContain('gpt-4o');
    const stream = acme.streamChat({ model: 'fast', messages: [{ role: 'user', content: 'Say hello' }] });
    let streamed = '';
    for await (const delta of stream.textStream) streamed += delta;
    expect(streamed.length).toBeGreaterThan(0);
    expect((await stream.response).finishReason).toBe('stop');
    expect((await acme.checkConnection?.())?.ok).toBe(true);
  });

  it('reports its own option problems, with its own variables and a did-you-mean hint', () => {
    expect(() => acmeFromEnv({ ACME_API_KEY: 'pk-wrong', ACME_BASE_URL: 'not a url' })).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'acme.baseURL', message: expect.any(String), variable: 'ACME_BASE_URL' },
          { path: 'acme.apiKey', message: 'Acme keys start with sk-', variable: 'ACME_API_KEY' },
        ],
      }),
    );
    expect(() => createAcmeProvider({ apiKey: 'sk-x', baseURL: server.url, modles: {} } as never)).toThrow(
      /acme\.modles: is not a known option \(did you mean models\?\)/,
    );
  });

  it('maps errors under its name', async () => {
    const acme = createAcmeProvider({ apiKey: 'sk-acme-revoked-key', baseURL: server.url });
    await expect(acme.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      code: 'authentication',
      provider: 'acme',
    });
  });
});
