import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureProvider } from '../create-azure-provider.js';

// The mock server gains Azure's client_secrets route separately; until then a loopback server stands in.
const received: { path: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      path: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ value: 'ek_azure', expires_at: 1_900_000_000, session: { type: 'realtime' } }));
  });
});
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const KEY = 'azure-canary-key-of-no-standard-shape';

describe('azure: realtime.createClientSecret', () => {
  it('v1: POST /openai/v1/realtime/client_secrets with api-key, the deployment as the session model', async () => {
    const provider = createAzureProvider({ endpoint, apiKey: KEY, deployments: { 'gpt-realtime': 'rt-prod' } });
    const secret = await provider.realtime?.createClientSecret?.({ model: 'gpt-realtime', expiresAfterSeconds: 60 });
    expect(secret).toEqual({
      value: 'ek_azure',
      expiresAt: 1_900_000_000,
      url: `${endpoint.replace('http:', 'ws:')}/openai/v1/realtime?model=rt-prod`,
      model: 'rt-prod',
      provider: 'azure',
      session: { type: 'realtime' },
    });
    const request = received.at(-1);
    expect(request?.path).toBe('/openai/v1/realtime/client_secrets');
    expect(request?.headers['api-key']).toBe(KEY);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({
      session: { type: 'realtime', model: 'rt-prod' },
      expires_after: { anchor: 'created_at', seconds: 60 },
    });
  });

  it('Entra ID: a Bearer token from the token provider', async () => {
    const provider = createAzureProvider({ endpoint, tokenProvider: async () => 'entra-token' });
    await provider.realtime?.createClientSecret?.({ model: 'rt' });
    expect(received.at(-1)?.headers.authorization).toBe('Bearer entra-token');
  });

  it('a dated api-version still mints on the v1 route', async () => {
    const provider = createAzureProvider({ endpoint, apiKey: KEY, apiVersion: '2025-04-01-preview' });
    const secret = await provider.realtime?.createClientSecret?.({ model: 'rt' });
    expect(received.at(-1)?.path.split('?')[0]).toBe('/openai/v1/realtime/client_secrets');
    expect(secret?.url).toContain('/openai/realtime?api-version=2025-04-01-preview&deployment=rt');
  });

  it('resolves subprotocol auth for header-less sockets: the api-key, or a client secret', async () => {
    const provider = createAzureProvider({ endpoint, apiKey: KEY });
    expect((await provider.realtime?.resolve('rt', { auth: 'subprotocols' }))?.protocols).toEqual([
      'realtime',
      `openai-insecure-api-key.${KEY}`,
    ]);
    const info = await provider.realtime?.resolve('rt', { clientSecret: 'ek_azure' });
    expect(info).toMatchObject({ headers: {}, protocols: ['realtime', 'openai-insecure-api-key.ek_azure'] });
  });
});
