import { afterEach, describe, expect, it, vi } from 'vitest';
import { azureCredential } from './azure-credential.js';
import { createAzureClients } from './create-azure-clients.js';

/** A fetch that answers every request with `{}` and keeps what was sent. */
function capturing() {
  const sent: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, sent };
}

const resourceUrl = 'https://r.openai.azure.com';

describe('createAzureClients', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads nothing from OPENAI_* / AZURE_OPENAI_* variables', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-from-env');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj-from-env');
    vi.stubEnv('OPENAI_BASE_URL', 'https://elsewhere.example/v1');
    vi.stubEnv('AZURE_OPENAI_API_KEY', 'key-from-env');
    vi.stubEnv('OPENAI_API_VERSION', '2023-01-01');
    for (const surface of [{ kind: 'v1' as const }, { kind: 'dated' as const, apiVersion: '2024-10-21' }]) {
      for (const credential of [azureCredential({ apiKey: 'k' }), azureCredential({ tokenProvider: () => 't' })]) {
        const { fetch, sent } = capturing();
        const { client, filesClient } = createAzureClients({ resourceUrl, surface, credential, fetch });
        await client.chat.completions.create({ model: 'dep', messages: [{ role: 'user', content: 'x' }] });
        await filesClient.batches.retrieve('batch_1');
        for (const request of sent) {
          expect(request.url).toMatch(/^https:\/\/r\.openai\.azure\.com\/openai\//);
          expect(request.headers.get('openai-organization')).toBeNull();
          expect(request.headers.get('openai-project')).toBeNull();
          if (surface.kind === 'dated') expect(request.url).toContain('api-version=2024-10-21');
          if (credential.kind === 'api-key') expect(request.headers.get('api-key')).toBe('k');
          else expect(request.headers.get('authorization')).toBe('Bearer t');
        }
      }
    }
  });

  it('dated: only chat, embeddings and images are routed through a deployment', async () => {
    const { fetch, sent } = capturing();
    const { client, filesClient } = createAzureClients({
      resourceUrl,
      surface: { kind: 'dated', apiVersion: '2024-10-21' },
      credential: azureCredential({ apiKey: 'k' }),
      fetch,
      timeoutMs: 5_000,
      defaultHeaders: { 'x-app': 'a' },
    });
    await client.embeddings.create({ model: 'my dep', input: 'x' });
    await client.models.list();
    await filesClient.batches.create({
      input_file_id: 'f',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      '/openai/deployments/my%20dep/embeddings',
      '/openai/models',
      '/openai/batches',
    ]);
    expect(sent[0]?.body).toMatchObject({ input: 'x' });
    expect(sent[0]?.body).not.toHaveProperty('model');
    expect(sent[0]?.headers.get('x-app')).toBe('a');
  });
});
