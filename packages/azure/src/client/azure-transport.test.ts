import { createFilesClient, openRequest } from '@switchboard/openai/internal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { azureCredential } from './azure-credential.js';
import { azureTransport, routeDeployment } from './azure-transport.js';

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
const errors = { provider: 'azure' };

describe('azureTransport', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads nothing from OPENAI_* / AZURE_OPENAI_* variables, for inference and for the files client', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-from-env');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj-from-env');
    vi.stubEnv('OPENAI_BASE_URL', 'https://elsewhere.example/v1');
    vi.stubEnv('AZURE_OPENAI_API_KEY', 'key-from-env');
    vi.stubEnv('OPENAI_API_VERSION', '2023-01-01');
    for (const surface of [{ kind: 'v1' as const }, { kind: 'dated' as const, apiVersion: '2024-10-21' }]) {
      for (const credential of [azureCredential({ apiKey: 'k' }), azureCredential({ tokenProvider: () => 't' })]) {
        const { fetch, sent } = capturing();
        const transport = azureTransport({ resourceUrl, surface, credential, fetch });
        const body = { model: 'dep', messages: [{ role: 'user', content: 'x' }] };
        (await openRequest(transport, { method: 'POST', path: '/chat/completions', body }, errors)).release();
        await (await createFilesClient(transport)).batches.retrieve('batch_1');
        expect(sent).toHaveLength(2);
        for (const request of sent) {
          expect(request.url).toMatch(/^https:\/\/r\.openai\.azure\.com\/openai\//);
          expect(request.headers.get('openai-organization')).toBeNull();
          expect(request.headers.get('openai-project')).toBeNull();
          if (surface.kind === 'dated') expect(request.url).toContain('api-version=2024-10-21');
          if (credential.kind === 'api-key') {
            expect(request.headers.get('api-key')).toBe('k');
            expect(request.headers.get('authorization')).toBeNull();
          } else expect(request.headers.get('authorization')).toBe('Bearer t');
        }
      }
    }
  });

  it('asks the Entra ID token provider before every request', async () => {
    let calls = 0;
    const credential = azureCredential({
      tokenProvider: () => {
        calls++;
        return `t${calls}`;
      },
    });
    const { fetch, sent } = capturing();
    const transport = azureTransport({ resourceUrl, surface: { kind: 'v1' }, credential, fetch });
    for (let i = 0; i < 3; i++) (await openRequest(transport, { method: 'GET', path: '/models' }, errors)).release();
    expect(calls).toBe(3);
    expect(sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t3']);
  });

  it('dated: only chat, embeddings and images are routed through a deployment', async () => {
    const { fetch, sent } = capturing();
    const transport = azureTransport({
      resourceUrl,
      surface: { kind: 'dated', apiVersion: '2024-10-21' },
      credential: azureCredential({ apiKey: 'k' }),
      fetch,
      timeoutMs: 5_000,
      defaultHeaders: { 'x-app': 'a' },
    });
    expect(transport.timeoutMs).toBe(5_000);
    const send = async (request: Parameters<typeof openRequest>[1]) =>
      (await openRequest(transport, request, errors)).release();
    await send({ method: 'POST', path: '/embeddings', body: { model: 'my dep', input: 'x' } });
    await send({ method: 'GET', path: '/models' });
    await (await createFilesClient(transport)).batches.create({
      input_file_id: 'f',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      '/openai/deployments/my%20dep/embeddings',
      '/openai/models',
      '/openai/batches',
    ]);
    expect(sent[0]?.body).toEqual({ input: 'x' });
    expect(sent[0]?.headers.get('x-app')).toBe('a');
    expect(sent[2]?.headers.get('x-app')).toBe('a');
  });

  it('routeDeployment leaves other paths and bodies without a model alone', () => {
    expect(routeDeployment('/batches', { input_file_id: 'f' })).toEqual({
      path: '/batches',
      body: { input_file_id: 'f' },
    });
    expect(routeDeployment('/chat/completions', undefined)).toEqual({ path: '/chat/completions' });
    expect(routeDeployment('/chat/completions', { model: 1 })).toEqual({
      path: '/chat/completions',
      body: { model: 1 },
    });
  });
});
