import { createAzureProvider } from '@switchboard/azure';
import type { RealtimeClientSecret } from '@switchboard/core';
import type { MockServer, RealtimeCredential } from '@switchboard/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openRealtimeSession } from '../src/connect-realtime.js';
import { connectRealtime, type RealtimeSession, wsTransport } from '../src/index.node.js';
import { AZURE_KEY, OPENAI_KEY, openAIProvider, startServer } from './__fixtures__/mock.js';

// Stands in for a client secret, offered in the same `openai-insecure-api-key.` subprotocol a browser uses. Not
// `ek_`-shaped on purpose: the mock checks `ek_` keys against the secrets it minted itself (POST
// /v1/realtime/client_secrets, tested with minted secrets elsewhere), while this one goes through `authorize` below,
// which records the credential each upgrade carried.
const SECRET = 'cs_test_client_secret_0123456789';

let server: MockServer;
const sessions: RealtimeSession[] = [];
const credentials: RealtimeCredential[] = [];
const platformGlobal = globalThis as { WebSocket?: unknown };
const originalWebSocket = platformGlobal.WebSocket;

beforeAll(async () => {
  server = await startServer({
    realtime: {
      authorize: (credential) => {
        credentials.push(credential);
        return [OPENAI_KEY, AZURE_KEY, SECRET].includes(credential.key);
      },
    },
  });
  // Node 20 has no global WebSocket; `ws` implements the WHATWG interface, so it plays the platform's here.
  platformGlobal.WebSocket = WebSocket;
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  server.realtime.clearLog();
});
afterAll(async () => {
  platformGlobal.WebSocket = originalWebSocket;
  await server.close();
});

function keep(session: RealtimeSession): RealtimeSession {
  sessions.push(session);
  return session;
}

/** The credentials the last upgrade carried, as the mock server read them. */
function lastUpgrade(): Omit<RealtimeCredential, 'provider'>[] {
  const last = credentials.at(-1);
  return credentials.filter((c) => c === last).map(({ scheme, key }) => ({ scheme, key }));
}
const viaSubprotocol = (key: string) => [{ scheme: 'subprotocol', key }];

describe('the platform WebSocket, authenticated with subprotocols', () => {
  it('on Bun and Deno it is the default, and the key travels as openai-insecure-api-key', async () => {
    for (const runtime of ['bun', 'deno'] as const) {
      const session = keep(
        await openRealtimeSession(
          openAIProvider(server),
          { model: 'gpt-realtime', heartbeat: false },
          wsTransport,
          runtime,
        ),
      );
      expect(await session.sendText('Hello')).toBeTypeOf('string');
      expect(lastUpgrade()).toEqual(viaSubprotocol(OPENAI_KEY));
    }
  });

  it('Azure: the api-key as the subprotocol', async () => {
    const azure = createAzureProvider({ endpoint: server.url.replace(/\/v1$/, ''), apiKey: AZURE_KEY });
    const session = keep(await connectRealtime(azure, { model: 'rt', transport: 'websocket' }));
    expect(await session.sendText('Hi')).toBeTypeOf('string');
    expect(lastUpgrade()).toEqual(viaSubprotocol(AZURE_KEY));
  });
});

describe('client secrets', () => {
  it('a minted secret object is enough: no provider key, no endpoint, the URL from the secret', async () => {
    const minted: RealtimeClientSecret = {
      value: SECRET,
      expiresAt: Math.floor(Date.now() / 1000) + 600,
      url: `${server.url.replace('http:', 'ws:')}/realtime?model=gpt-realtime`,
      model: 'gpt-realtime',
      provider: 'openai',
    };
    const session = keep(
      await openRealtimeSession(
        { name: 'openai' },
        { model: 'gpt-realtime', clientSecret: minted },
        undefined,
        'browser',
      ),
    );
    expect(await session.sendText('Hello')).toBeTypeOf('string');
    expect(lastUpgrade()).toEqual(viaSubprotocol(SECRET));
    expect(session.resolvedModel).toBe('gpt-realtime');
  });

  it('a function is asked for a fresh secret on every connection; a bare value takes the URL from the provider', async () => {
    let calls = 0;
    const session = keep(
      await connectRealtime(openAIProvider(server), {
        model: 'gpt-realtime',
        transport: 'websocket',
        reconnect: { initialDelayMs: 0 },
        clientSecret: async () => {
          calls++;
          return SECRET;
        },
      }),
    );
    expect(lastUpgrade()).toEqual(viaSubprotocol(SECRET));
    server.realtime.dropConnections();
    await session.waitFor('connection-state', { filter: (event) => event.state === 'open' });
    expect(calls).toBe(2);
  });

  it('a secret minted by the mock (POST /v1/realtime/client_secrets) opens a session', async () => {
    const before = credentials.length;
    const minted = await openAIProvider(server).realtime?.createClientSecret?.({
      model: 'gpt-realtime',
      session: { instructions: 'Be brief.' },
    });
    expect(minted?.value).toMatch(/^ek_/);
    const session = keep(
      await openRealtimeSession(
        { name: 'openai' },
        { model: 'gpt-realtime', clientSecret: minted as RealtimeClientSecret, heartbeat: false },
        undefined,
        'browser',
      ),
    );
    expect(await session.sendText('Hello')).toBeTypeOf('string');
    expect(server.realtime.upgrades.at(-1)?.status).toBe(101);
    // Accepted as a secret the mock minted, not through `authorize` (which sees the long-lived keys only).
    expect(credentials.length).toBe(before);
  });

  it('a secret the server refuses fails the connection with AuthenticationError', async () => {
    await expect(
      connectRealtime(openAIProvider(server), { model: 'gpt-realtime', transport: 'ws', clientSecret: 'ek_wrong' }),
    ).rejects.toMatchObject({ code: 'authentication' });
  });

  it('bad secrets are typed errors: an empty value, an object without a URL, a bare value with no endpoint', async () => {
    const attempt = (clientSecret: unknown, provider: { name: string; realtime?: never } = { name: 'openai' }) =>
      connectRealtime(provider, { model: 'm', clientSecret: clientSecret as never, reconnect: false });
    await expect(attempt('')).rejects.toMatchObject({ code: 'config' });
    await expect(attempt(() => '')).rejects.toMatchObject({ code: 'config' });
    await expect(attempt(() => ({ value: 'ek_1' }))).rejects.toMatchObject({ code: 'config' });
    await expect(attempt(() => ({ url: 'ws://x' }))).rejects.toMatchObject({ code: 'config' });
    await expect(attempt('ek_1')).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describe('in a browser', () => {
  it('refuses the long-lived key without a client secret or dangerouslyAllowBrowser, before connecting', async () => {
    const before = server.realtime.upgrades.length;
    const error = await openRealtimeSession(
      openAIProvider(server),
      { model: 'gpt-realtime' },
      undefined,
      'browser',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'config', issues: [{ path: 'connectRealtime.clientSecret' }] });
    expect(String(error)).toMatch(/createClientSecret/);
    expect(String(error)).not.toContain(OPENAI_KEY);
    expect(server.realtime.upgrades.length).toBe(before);
  });

  it('connects with the key when dangerouslyAllowBrowser is set', async () => {
    const session = keep(
      await openRealtimeSession(
        openAIProvider(server),
        { model: 'gpt-realtime', dangerouslyAllowBrowser: true },
        undefined,
        'browser',
      ),
    );
    expect(session.state).toBe('open');
    expect(lastUpgrade()).toEqual(viaSubprotocol(OPENAI_KEY));
  });

  it('a provider without a realtime endpoint and no secret is unsupported', async () => {
    await expect(connectRealtime({ name: 'other' }, { model: 'm' })).rejects.toMatchObject({ code: 'unsupported' });
  });
});
