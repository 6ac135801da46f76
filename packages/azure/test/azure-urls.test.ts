import { sentBodies } from '@internal/provider-suite';
import type { BatchService } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createAzureProvider } from '../src/index.js';
import { DATED_VERSION, useAzureHarness } from './support/azure-target.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('azure: URLs and deployments', () => {
  const harness = useAzureHarness();
  const sent = () => harness.recorder.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);

  it('uses the v1 GA surface by default, with the deployment as model and no api-version', async () => {
    const provider = harness.azure();
    await provider.chat(chat);
    await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    await provider.generateImage?.({ model: 'dall-e-3', prompt: 'x' });
    expect(sent()).toEqual([
      'POST /openai/v1/chat/completions',
      'POST /openai/v1/embeddings',
      'POST /openai/v1/images/generations',
    ]);
    expect(harness.recorder.requests.map((r) => JSON.parse(r.body as string).model)).toEqual([
      'chat-4o-mini',
      'embed-small',
      'dalle3',
    ]);
  });

  it('uses /openai/deployments/{deployment}/...?api-version= for a dated version, without model in the body', async () => {
    const provider = harness.azure({ apiVersion: DATED_VERSION });
    await provider.chat(chat);
    await provider.streamChat(chat).response;
    await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    await provider.generateImage?.({ model: 'dall-e-3', prompt: 'x' });
    const query = `?api-version=${DATED_VERSION}`;
    expect(sent()).toEqual([
      `POST /openai/deployments/chat-4o-mini/chat/completions${query}`,
      `POST /openai/deployments/chat-4o-mini/chat/completions${query}`,
      `POST /openai/deployments/embed-small/embeddings${query}`,
      `POST /openai/deployments/dalle3/images/generations${query}`,
    ]);
    for (const request of harness.recorder.requests)
      expect(JSON.parse(request.body as string)).not.toHaveProperty('model');
  });

  it('sends Responses calls to /openai/v1/responses (v1) and /openai/responses?api-version= (dated preview)', async () => {
    await harness.azure({ api: 'responses' }).chat(chat);
    await harness.azure({ apiVersion: '2025-03-01-preview', api: 'responses' }).streamChat(chat).response;
    await harness.azure({ apiVersion: 'preview' }).chat({ ...chat, providerOptions: { azure: { api: 'responses' } } });
    expect(sent()).toEqual([
      'POST /openai/v1/responses',
      'POST /openai/responses?api-version=2025-03-01-preview',
      'POST /openai/v1/responses?api-version=preview',
    ]);
    expect(harness.recorder.requests.map((r) => JSON.parse(r.body as string).model)).toEqual([
      'chat-4o-mini',
      'chat-4o-mini',
      'chat-4o-mini',
    ]);
  });

  it('refuses the Responses API on a dated GA version: ConfigError at creation, UnsupportedError per call', async () => {
    expect(() => harness.azure({ apiVersion: DATED_VERSION, api: 'responses' })).toThrow(
      /api: .*apiVersion '2024-10-21'.*use apiVersion 'v1'/s,
    );
    expect(() => harness.azure({ apiVersion: '2025-01-01-preview', api: 'responses' })).toThrow(/2025-03-01-preview/);
    const dated = harness.azure({ apiVersion: DATED_VERSION });
    const request = { ...chat, providerOptions: { azure: { api: 'responses' } } };
    await expect(dated.chat(request)).rejects.toMatchObject({ code: 'unsupported', provider: 'azure' });
    await expect(dated.streamChat(request).response).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining("use apiVersion 'v1'"),
    });
    expect(sent()).toEqual([]);
  });

  it('adds api-version=preview to the v1 surface for preview', async () => {
    await harness.azure({ apiVersion: 'preview' }).chat(chat);
    expect(sent()).toEqual(['POST /openai/v1/chat/completions?api-version=preview']);
  });

  it('maps logical names through deployments (per kind first) and passes unknown names through', async () => {
    const provider = harness.azure({
      deployments: { 'gpt-4o-mini': 'chat-4o-mini', 'embedding:gpt-4o-mini': 'embed-small' },
    });
    await provider.chat(chat);
    await provider.embed?.({ model: 'gpt-4o-mini', input: 'x' });
    await provider.chat({ ...chat, model: 'dalle3' }).catch(() => undefined);
    expect(sentBodies(harness.recorder, '').map((body) => body.model)).toEqual([
      'chat-4o-mini',
      'embed-small',
      'dalle3',
    ]);
  });

  it('reports an unknown deployment as not-found', async () => {
    await expect(harness.azure().chat({ ...chat, model: 'no-such-deployment' })).rejects.toMatchObject({
      code: 'not-found',
      status: 404,
      retryable: false,
    });
    await expect(
      harness.azure({ apiVersion: DATED_VERSION }).chat({ ...chat, model: 'no-such-deployment' }),
    ).rejects.toMatchObject({ code: 'not-found', status: 404 });
  });

  it('takes the resource from an endpoint with a path, or from resourceName', async () => {
    const status = await harness.azure({ endpoint: `${harness.server.azureUrl}/openai/v1/` }).checkConnection?.();
    expect(status).toMatchObject({ ok: true, endpoint: `${harness.server.azureUrl}/openai/v1` });
    const byName = createAzureProvider({ resourceName: 'my-resource', apiKey: 'a'.repeat(32) });
    expect(JSON.parse(JSON.stringify(byName))).toEqual({
      provider: 'azure',
      endpoint: 'https://my-resource.openai.azure.com/openai/v1',
    });
    const dated = createAzureProvider({
      resourceName: 'my-resource',
      apiKey: 'a'.repeat(32),
      apiVersion: DATED_VERSION,
    });
    expect(JSON.parse(JSON.stringify(dated)).endpoint).toBe('https://my-resource.openai.azure.com/openai');
  });
});

describe('azure: files and batches at resource level', () => {
  const harness = useAzureHarness();

  it.each([
    ['v1', '/openai/v1'],
    [DATED_VERSION, '/openai'],
  ])(
    '%s: every files and batches call goes to %s/files|batches, never through a deployment',
    async (apiVersion, base) => {
      const batches = harness.azure({ apiVersion }).batches as BatchService;
      const line = batches.buildRequestLine('q-1', { ...chat, maxOutputTokens: 8 }, '/v1/chat/completions');
      // A GlobalBatch deployment is the line's model; Azure's line URL has no /v1.
      expect(line).toMatchObject({ url: '/chat/completions', body: { model: 'chat-4o-mini-globalbatch' } });
      const file = await batches.uploadFile([JSON.stringify(line)]);
      const created = await batches.create({ inputFileId: file.id, endpoint: '/v1/chat/completions' });
      let job = await batches.retrieve(created.id);
      for (let i = 0; i < 200 && job.status !== 'completed' && job.status !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await batches.retrieve(created.id);
      }
      expect(job.status).toBe('completed');
      const [result] = (await collect(batches.downloadFileLines(job.outputFileId as string))).map((l) =>
        batches.parseResultLine(l),
      );
      expect(result?.chat?.text.length).toBeGreaterThan(0);
      expect(result?.chat?.providerMetadata?.azure).toMatchObject({
        contentFilterResults: { hate: { filtered: false } },
      });
      await collect(batches.list({ limit: 5 }));
      await batches.cancel(created.id).catch(() => undefined);
      await batches.deleteFile(file.id);

      const urls = harness.recorder.requests.map((r) => r.url);
      expect(urls.length).toBeGreaterThanOrEqual(7);
      for (const url of urls) {
        expect(url.pathname).toMatch(new RegExp(`^${base}/(files|batches)\\b`));
        expect(url.pathname).not.toContain('/deployments/');
        expect(url.searchParams.get('api-version')).toBe(apiVersion === 'v1' ? null : apiVersion);
      }
    },
  );
});
