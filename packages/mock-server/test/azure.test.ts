import { expectAzure, expectOpenAI, parseSseData } from '@internal/conformance';
import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { azureClient, azureV1Client, collect, startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({
    deployments: { 'chat-prod': 'gpt-4o-2024-11-20', embed: 'text-embedding-3-small', painter: 'dall-e-3' },
  });
});
afterAll(() => server.close());

const AZURE_OK = { allowKnownDifferences: true } as const;
const EMBEDDINGS_SCHEMA =
  '#/paths/~1deployments~1{deployment-id}~1embeddings/post/responses/200/content/application~1json/schema';
const messages = [{ role: 'user' as const, content: 'Hello Azure' }];
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { status?: number; code?: string; error?: unknown },
  );

describe('Azure dated deployment URLs (AzureOpenAI client)', () => {
  it('answers chat with prompt_filter_results and per-choice content_filter_results', async () => {
    const result = await azureClient(server).chat.completions.create({ model: 'chat-prod', messages });
    expectAzure('createChatCompletionResponse', result, AZURE_OK);
    const body = result as unknown as Record<string, unknown> & { choices: Array<Record<string, unknown>> };
    expect(body.model).toBe('gpt-4o-2024-11-20');
    expect(body.prompt_filter_results).toEqual([expect.objectContaining({ prompt_index: 0 })]);
    expect(body.choices[0]?.content_filter_results).toMatchObject({ hate: { filtered: false, severity: 'safe' } });
    expect(server.control.requests().at(-1)?.path).toBe(
      '/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21',
    );
  });

  it('streams with the empty-choices prompt-filter chunk first', async () => {
    const chunks = await collect(
      await azureClient(server).chat.completions.create({
        model: 'chat-prod',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    for (const chunk of chunks) expectAzure('createChatCompletionStreamResponse', chunk, AZURE_OK);
    expect(chunks[0]).toMatchObject({ choices: [], id: '', model: '', object: '', created: 0 });
    expect((chunks[0] as unknown as { prompt_filter_results: unknown[] }).prompt_filter_results).toHaveLength(1);
    expect(chunks[1]?.choices[0]?.delta.role).toBe('assistant');
    expect(
      (chunks[2]?.choices[0] as unknown as { content_filter_results: unknown } | undefined)?.content_filter_results,
    ).toBeTruthy();
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    const response = await fetch(
      `${server.azureUrl}/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21`,
      {
        method: 'POST',
        headers: { 'api-key': TEST_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ messages, stream: true }),
      },
    );
    expect(response.headers.get('apim-request-id')).toMatch(/^req_/);
    const { events, done } = parseSseData(await response.text());
    expect(done).toBe(true);
    for (const event of events) expectAzure('createChatCompletionStreamResponse', event, AZURE_OK);
  });

  it('answers a blocked prompt with 400 content_filter and innererror', async () => {
    const error = await failure(
      azureClient(server).chat.completions.create({
        model: 'chat-prod',
        messages: [{ role: 'user', content: 'bad [mock:block-prompt]' }],
      }),
    );
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('content_filter');
    const raw = await fetch(`${server.azureUrl}/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'api-key': TEST_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: '[mock:block-prompt]' }] }),
    });
    const body = expectAzure('errorResponse', await raw.json());
    expect(body.error.innererror.code).toBe('ResponsibleAIPolicyViolation');
    expectAzure('contentFilterPromptResults', body.error.innererror.content_filter_result);
    expect(body.error.innererror.content_filter_result.violence).toEqual({ filtered: true, severity: 'high' });
  });

  it('cuts a filtered completion with finish_reason content_filter', async () => {
    const request = {
      model: 'chat-prod',
      messages: [{ role: 'user' as const, content: 'story [mock:filter-completion]' }],
    };
    const result = expectAzure(
      'createChatCompletionResponse',
      await azureClient(server).chat.completions.create(request),
      AZURE_OK,
    );
    expect(result.choices[0]?.finish_reason).toBe('content_filter');
    expect(
      (result.choices[0] as unknown as { content_filter_results: { violence: unknown } }).content_filter_results
        .violence,
    ).toEqual({ filtered: true, severity: 'medium' });
    const chunks = await collect(await azureClient(server).chat.completions.create({ ...request, stream: true }));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('serves embeddings and images on deployments', async () => {
    const client = azureClient(server);
    const raw = await (
      await client.embeddings.create({ model: 'embed', input: ['a', 'b'], encoding_format: 'float' }).asResponse()
    ).json();
    expectAzure(EMBEDDINGS_SCHEMA, raw);
    expect(raw.model).toBe('text-embedding-3-small');
    const images = await client.images.generate({ model: 'painter', prompt: 'a lake', response_format: 'b64_json' });
    expectAzure('generateImagesResponse', images);
    expect(images.data?.[0]?.revised_prompt).toContain('a lake');
    expect((images.data?.[0] as Record<string, unknown> | undefined)?.content_filter_results).toBeTruthy();
  });

  it('accepts Entra ID bearer tokens, rejects wrong keys with the Azure 401 body', async () => {
    const tokenClient = new AzureOpenAI({
      endpoint: server.azureUrl,
      azureADTokenProvider: async () => TEST_KEY,
      apiVersion: '2024-10-21',
      maxRetries: 0,
    });
    expect((await tokenClient.chat.completions.create({ model: 'chat-prod', messages })).choices).toHaveLength(1);
    const error = await failure(
      azureClient(server, 'wrong-key').chat.completions.create({ model: 'chat-prod', messages }),
    );
    expect(error?.status).toBe(401);
    const raw = await fetch(`${server.azureUrl}/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'api-key': 'nope' },
      body: '{}',
    });
    const body = expectAzure('errorResponse', await raw.json());
    expect(body.error).toEqual({
      code: '401',
      message: expect.stringMatching(/^Access denied due to invalid subscription key/),
    });
  });

  it('answers unknown deployments, missing api-version and unknown paths like Azure', async () => {
    const error = await failure(azureClient(server).chat.completions.create({ model: 'nope', messages }));
    expect(error?.status).toBe(404);
    expect(error?.code).toBe('DeploymentNotFound');
    for (const path of [
      '/openai/deployments/chat-prod/chat/completions',
      '/openai/deployments/chat-prod/models?api-version=1',
      '/openai/unknown?api-version=1',
    ]) {
      const response = await fetch(`${server.azureUrl}${path}`, {
        method: 'POST',
        headers: { 'api-key': TEST_KEY },
        body: '{}',
      });
      expect(response.status).toBe(404);
      expect(expectAzure('errorResponse', await response.json()).error).toEqual({
        code: '404',
        message: 'Resource not found',
      });
    }
    const invalid = await fetch(
      `${server.azureUrl}/openai/deployments/chat-prod/chat/completions?api-version=2024-10-21`,
      {
        method: 'POST',
        headers: { 'api-key': TEST_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ messages, temperature: 'x' }),
      },
    );
    expect(invalid.status).toBe(400);
    const body = expectAzure('errorResponse', await invalid.json());
    expect(typeof body.error.code).toBe('string');
    expect(body.error.param).toBe('temperature');
    const malformed = await fetch(`${server.azureUrl}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': TEST_KEY },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    expect(expectAzure('errorResponse', await malformed.json()).error.code).toBe('400');
  });

  it('lists deployments as models', async () => {
    const models = await azureClient(server).models.list();
    expect(models.data.map((model) => model.id)).toEqual(['chat-prod', 'embed', 'painter']);
    expect((await azureClient(server).models.retrieve('embed')).id).toBe('embed');
    expect((await failure(azureClient(server).models.retrieve('gpt-4o')))?.status).toBe(404);
  });
});

describe('Azure v1 GA surface (/openai/v1, deployment name as model)', () => {
  it('answers chat, streams and embeddings with api-key auth', async () => {
    const client = azureV1Client(server);
    const result = await client.chat.completions.create({ model: 'chat-prod', messages });
    expectAzure('createChatCompletionResponse', result, AZURE_OK);
    expectOpenAI('CreateChatCompletionResponse', { ...result, system_fingerprint: undefined });
    expect(server.control.requests().at(-1)).toMatchObject({ path: '/openai/v1/chat/completions', surface: 'azure' });
    const chunks = await collect(await client.chat.completions.create({ model: 'chat-prod', messages, stream: true }));
    expect(chunks[0]?.choices).toEqual([]);
    for (const chunk of chunks) expectAzure('createChatCompletionStreamResponse', chunk, AZURE_OK);
    const embeddings = await client.embeddings.create({ model: 'embed', input: 'x' });
    expect(embeddings.data[0]?.embedding).toHaveLength(1536);
    const missing = await failure(client.chat.completions.create({ messages } as never));
    expect(missing?.status).toBe(400);
  });

  it('accepts a Bearer token on the v1 surface', async () => {
    const response = await fetch(`${server.azureUrl}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-prod', messages }),
    });
    expect(response.status).toBe(200);
    expectAzure('createChatCompletionResponse', await response.json(), AZURE_OK);
  });

  it('serves any deployment name when no deployments are configured', async () => {
    const open = await startTestServer();
    try {
      const result = await azureV1Client(open).chat.completions.create({ model: 'whatever-deployment', messages });
      expect(result.model).toBe('whatever-deployment');
      expect((await azureClient(open).models.list()).data.length).toBeGreaterThan(5);
    } finally {
      await open.close();
    }
  });
});
