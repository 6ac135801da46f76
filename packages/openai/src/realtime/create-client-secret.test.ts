import { expectOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../create-openai-provider.js';
import { type ReceivedRequest, startSecretsServer } from './__fixtures__/secrets-server.js';

// The mock server gains POST /v1/realtime/client_secrets separately; until then a loopback server stands in.
let server: Awaited<ReturnType<typeof startSecretsServer>>;
let answer: (request: ReceivedRequest) => { status: number; body: unknown };

beforeAll(async () => {
  server = await startSecretsServer((request) => answer(request));
});
afterAll(() => server.close());

const KEY = 'sk-proj-canaryCANARYcanary1234';

describe('realtime.createClientSecret (OpenAI)', () => {
  it('posts the GA body with the key and returns the secret with where to connect', async () => {
    answer = (request) => ({
      status: 200,
      body: {
        value: 'ek_123',
        expires_at: 1_900_000_000,
        session: { type: 'realtime', ...(request.body as { session: object }).session },
      },
    });
    const provider = createOpenAIProvider({
      apiKey: KEY,
      baseURL: `${server.url}/v1`,
      modelAliases: { voice: 'gpt-realtime' },
    });
    const secret = await provider.realtime?.createClientSecret?.({
      model: 'voice',
      expiresAfterSeconds: 600,
      session: { instructions: 'Be brief.' },
    });
    expect(secret).toEqual({
      value: 'ek_123',
      expiresAt: 1_900_000_000,
      url: `${server.url.replace('http:', 'ws:')}/v1/realtime?model=gpt-realtime`,
      model: 'gpt-realtime',
      provider: 'openai',
      session: { type: 'realtime', instructions: 'Be brief.', model: 'gpt-realtime' },
    });
    const request = server.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/realtime/client_secrets' });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({
      session: { type: 'realtime', instructions: 'Be brief.', model: 'gpt-realtime' },
      expires_after: { anchor: 'created_at', seconds: 600 },
    });
    // The body is a valid request of the official spec.
    expectOpenAI('RealtimeCreateClientSecretRequest', request?.body);
  });

  it('leaves expires_after to the service by default', async () => {
    answer = () => ({ status: 200, body: { value: 'ek_2', expires_at: 1 } });
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: `${server.url}/v1` });
    const secret = await provider.realtime?.createClientSecret?.({ model: 'gpt-realtime' });
    expect(secret).not.toHaveProperty('session');
    expect(server.requests.at(-1)?.body).toEqual({ session: { type: 'realtime', model: 'gpt-realtime' } });
  });

  it('maps a refused key to AuthenticationError without the key in it', async () => {
    answer = () => ({
      status: 401,
      body: {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      },
    });
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: `${server.url}/v1` });
    const error = await provider.realtime?.createClientSecret?.({ model: 'gpt-realtime' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'authentication', status: 401, provider: 'openai' });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('fails with ParseError on an answer without a secret', async () => {
    answer = () => ({ status: 200, body: { value: 42 } });
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: `${server.url}/v1` });
    await expect(provider.realtime?.createClientSecret?.({ model: 'gpt-realtime' })).rejects.toMatchObject({
      code: 'parse',
      excerpt: '{"value":"number"}',
    });
  });

  it('names every bad option at once, before any request', async () => {
    const before = server.requests.length;
    const provider = createOpenAIProvider({ apiKey: KEY, baseURL: `${server.url}/v1` });
    const error = await provider.realtime
      ?.createClientSecret?.({ model: '', expiresAfterSeconds: 5, session: [] as never, ttl: 1 } as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'config' });
    expect((error as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      'createClientSecret.model',
      'createClientSecret.expiresAfterSeconds',
      'createClientSecret.session',
      'createClientSecret.ttl',
    ]);
    expect(server.requests.length).toBe(before);
  });
});
