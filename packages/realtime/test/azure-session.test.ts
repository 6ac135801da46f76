import { createAzureProvider } from '@switchboard/azure';
import { NotFoundError } from '@switchboard/core';
import type { MockServer } from '@switchboard/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRealtime, type RealtimeSession } from '../src/index.node.js';
import { AZURE_KEY, handledEvents, startServer } from './__fixtures__/mock.js';

const DEPLOYMENT = 'rt-deployment';
const TOKENS = ['entra-token-0000000001', 'entra-token-0000000002', 'entra-token-0000000003'];

let server: MockServer;
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
  server = await startServer({
    deployments: { [DEPLOYMENT]: 'gpt-realtime' },
    realtime: { azureApiKeys: [AZURE_KEY, ...TOKENS] },
  });
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  server.realtime.clearFaults();
  server.realtime.clearLog();
});
afterAll(async () => {
  await server.close();
});

function azure(options: { apiVersion?: string; tokenProvider?: () => Promise<string> } = {}) {
  const auth = options.tokenProvider ? { tokenProvider: options.tokenProvider } : { apiKey: AZURE_KEY };
  return createAzureProvider({
    endpoint: server.azureUrl,
    ...auth,
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    deployments: { 'gpt-realtime': DEPLOYMENT },
  });
}

async function open(provider: ReturnType<typeof azure>): Promise<RealtimeSession> {
  const session = await connectRealtime(provider, {
    model: 'gpt-realtime',
    session: { output_modalities: ['text'] },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
  });
  sessions.push(session);
  return session;
}

describe('Azure OpenAI through createAzureProvider', () => {
  it('v1 GA: opens /openai/v1/realtime?model={deployment} with the api-key header and round-trips text', async () => {
    const session = await open(azure());
    expect(session.provider).toBe('azure');
    expect(session.resolvedModel).toBe(DEPLOYMENT);
    const text = await session.sendText('Hello Azure');
    expect(text).toContain('Mock reply to "Hello Azure"');
    const [upgrade] = server.realtime.upgrades;
    expect(upgrade).toMatchObject({ route: 'azure-v1', status: 101, url: `/openai/v1/realtime?model=${DEPLOYMENT}` });
    expect(upgrade?.url).not.toContain(AZURE_KEY);
  });

  it('dated version: opens /openai/realtime?api-version=&deployment= and answers tool calls', async () => {
    const provider = azure({ apiVersion: '2025-04-01-preview' });
    const session = await connectRealtime(provider, {
      model: 'gpt-realtime',
      session: { output_modalities: ['text'] },
      tools: { get_time: { description: 'The time in a city.', execute: () => '12:00' } },
    });
    sessions.push(session);
    const text = await session.sendText('What is the time in Lisbon? Use get_time.');
    expect(text).toBe('The get_time tool returned: 12:00');
    expect(server.realtime.upgrades[0]).toMatchObject({
      route: 'azure-deployments',
      url: `/openai/realtime?api-version=2025-04-01-preview&deployment=${DEPLOYMENT}`,
    });
    expect(server.realtime.connections[0]).toMatchObject({ model: DEPLOYMENT, apiVersion: '2025-04-01-preview' });
  });

  it('Entra ID: a bearer token, fetched again for every reconnection (tokens expire)', async () => {
    let calls = 0;
    const tokenProvider = vi.fn(async () => TOKENS[calls++ % TOKENS.length] as string);
    const session = await open(azure({ tokenProvider }));
    await session.sendText('first');
    server.realtime.dropConnections();
    await vi.waitFor(() => expect(session.stats.connections).toBe(2));
    await vi.waitFor(() => expect(session.state).toBe('open'));
    expect(await session.sendText('second')).toContain('Mock reply to "second"');
    expect(tokenProvider).toHaveBeenCalledTimes(2);
    expect(handledEvents(server, 'response.create')).toHaveLength(2);
  });

  it('round-trips audio', async () => {
    const session = await open(azure());
    session.updateSession({ output_modalities: ['audio'] });
    session.appendAudio(new Int16Array(24_000 / 5));
    session.commitAudio();
    const reply = session.createResponse();
    expect(await reply.text).toContain('Synthetic transcript of 200 ms of audio');
    expect((await reply.audio).byteLength).toBeGreaterThan(0);
  });

  it('fails at once with NotFoundError for a deployment that does not exist', async () => {
    const provider = createAzureProvider({ endpoint: server.azureUrl, apiKey: AZURE_KEY });
    const attempt = connectRealtime(provider, { model: 'no-such-deployment' });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining('DeploymentNotFound') });
    expect(server.realtime.upgrades).toHaveLength(1);
  });
});
