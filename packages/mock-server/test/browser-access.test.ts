import { expectOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { expectRefusal, RawClient, startHarness } from '../src/realtime/__fixtures__/harness.js';
import { ClientSecretStore } from '../src/realtime/transport/client-secrets.js';
import { rawFetch, startTestServer, TEST_KEY } from './helpers.js';

const PAGE = 'http://localhost:5173';

describe('CORS', () => {
  let open: MockServer;
  let listed: MockServer;
  beforeAll(async () => {
    open = await startTestServer();
    listed = await startTestServer({ corsOrigins: [PAGE] });
  });
  afterAll(async () => {
    await open.close();
    await listed.close();
  });

  it('answers a preflight on API, control and realtime-secret routes', async () => {
    for (const path of [
      '/v1/chat/completions',
      '/openai/v1/responses',
      '/__mock/faults',
      '/v1/realtime/client_secrets',
    ]) {
      const response = await fetch(`${open.origin}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: PAGE,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-stainless-os',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-stainless-os');
    }
    const plain = await fetch(`${open.origin}/v1/models`, { method: 'OPTIONS' });
    expect(plain.status).toBe(204);
    expect(plain.headers.get('allow')).toContain('GET');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts the CORS headers on answers, errors and streams, and exposes the rate-limit headers', async () => {
    const ok = await rawFetch(open, '/v1/chat/completions', {
      method: 'POST',
      headers: { origin: PAGE },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(ok.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining-requests');
    await ok.text();
    const denied = await rawFetch(open, '/v1/models', { headers: { origin: PAGE }, key: 'sk-wrong-000000000000' });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
    const control = await fetch(`${open.origin}/__mock/health`, { headers: { origin: PAGE } });
    expect(control.headers.get('access-control-allow-origin')).toBe('*');
    const withoutOrigin = await rawFetch(open, '/v1/models');
    expect(withoutOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const allowed = await rawFetch(listed, '/v1/models', { headers: { origin: PAGE } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(allowed.headers.get('vary')).toContain('origin');
    const other = await rawFetch(listed, '/v1/models', { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${listed.origin}/v1/models`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('realtime client secrets', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const mint = (path: string, body: unknown, key: string | null = TEST_KEY) =>
    rawFetch(server, path, { method: 'POST', body: JSON.stringify(body), key, headers: { origin: PAGE } });

  it('mints an ek_ secret (OpenAI and Azure paths) whose session matches the spec', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await mint('/v1/realtime/client_secrets', {
      expires_after: { anchor: 'created_at', seconds: 60 },
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Speak like a pirate.' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const secret = expectOpenAI('RealtimeCreateClientSecretResponse', await response.json(), { oneOfAsAnyOf: true });
    expect(secret.value).toMatch(/^ek_[0-9a-f]{32}$/);
    const after = Math.ceil(Date.now() / 1000);
    expect(secret.expires_at).toBeGreaterThanOrEqual(before + 60);
    expect(secret.expires_at).toBeLessThanOrEqual(after + 60);
    expect(secret.session).toMatchObject({
      type: 'realtime',
      model: 'gpt-realtime',
      instructions: 'Speak like a pirate.',
    });
    const azure = await rawFetch(server, '/openai/v1/realtime/client_secrets', {
      method: 'POST',
      body: '{}',
      key: null,
      headers: { 'api-key': TEST_KEY },
    });
    expect(azure.status).toBe(200);
    const azureSecret = (await azure.json()) as { value: string; expires_at: number };
    expect(azureSecret.value.startsWith('ek_')).toBe(true);
    expect(azureSecret.expires_at - before).toBeGreaterThanOrEqual(600);
  });

  it('opens the realtime socket with the browser subprotocols and the minted session', async () => {
    const secret = (await (
      await mint('/v1/realtime/client_secrets', { session: { type: 'realtime', instructions: 'Be terse.' } })
    ).json()) as { value: string };
    const client = await RawClient.connect(`ws://127.0.0.1:${server.port}/v1/realtime?model=gpt-realtime`, {
      protocols: ['realtime', `openai-insecure-api-key.${secret.value}`],
    });
    expect(client.socket.protocol).toBe('realtime');
    const created = await client.next('session.created');
    expect((created.session as { instructions: string }).instructions).toBe('Be terse.');
    await client.close();
    const unknown = await expectRefusal(`ws://127.0.0.1:${server.port}/v1/realtime?model=gpt-realtime`, {
      protocols: ['realtime', 'openai-insecure-api-key.ek_00000000000000000000000000000000'],
    });
    expect(unknown.status).toBe(401);
  });

  it('refuses bad requests and missing keys with the real errors', async () => {
    expect((await mint('/v1/realtime/client_secrets', {}, null)).status).toBe(401);
    const tooLong = await mint('/v1/realtime/client_secrets', { expires_after: { seconds: 7201 } });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { param: string } }).error.param).toBe('expires_after.seconds');
    const badSession = await mint('/v1/realtime/client_secrets', { session: { type: 'realtime', bogus: 1 } });
    expect(badSession.status).toBe(400);
    expect(await badSession.json()).toEqual({
      error: {
        message: "Unknown parameter: 'session.bogus'.",
        type: 'invalid_request_error',
        param: 'session.bogus',
        code: 'unknown_parameter',
      },
    });
    const badAnchor = await mint('/v1/realtime/client_secrets', { expires_after: { anchor: 'now' } });
    expect(badAnchor.status).toBe(400);
    const unknownField = await mint('/v1/realtime/client_secrets', { ttl: 5 });
    expect(unknownField.status).toBe(400);
  });

  it('refuses an expired ek_ key on the upgrade, even when any key is accepted', async () => {
    let now = 1_000_000;
    const store = new ClientSecretStore({ now: () => now, limit: 2 });
    const harness = await startHarness({ clientSecrets: store });
    try {
      const secret = store.mint({ instructions: 'short-lived' }, 10, 'gpt-realtime');
      expect(store.status(secret.value)).toBe('valid');
      const client = await RawClient.connect(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
        protocols: ['realtime', `openai-insecure-api-key.${secret.value}`],
      });
      await client.next('session.created');
      await client.close();
      now += 10_001;
      expect(store.status(secret.value)).toBe('expired');
      expect(store.sessionFor(secret.value, 'gpt-realtime')).toBeUndefined();
      const refused = await expectRefusal(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
        protocols: ['realtime', `openai-insecure-api-key.${secret.value}`],
      });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toContain('expired');
      const azure = await expectRefusal(harness.wsUrl('/openai/v1/realtime?model=gpt-realtime'), {
        headers: { 'api-key': secret.value },
      });
      expect(azure.status).toBe(401);
      // The store stays bounded: expired secrets go first, then the oldest.
      store.mint(undefined, 60, 'm');
      store.mint(undefined, 60, 'm');
      const third = store.mint(undefined, 60, 'm');
      expect(store.status(third.value)).toBe('valid');
      expect(store.status(secret.value)).toBe('unknown');
    } finally {
      await harness.close();
    }
  });
});
