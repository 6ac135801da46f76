import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { openaiClient, startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.control.reset());
afterAll(() => server.close());

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.origin}/__mock${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('request log', () => {
  it('records method, path, headers without secrets, body, status and time', async () => {
    const client = openaiClient(server);
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'logged' }] });
    await client.models.list();
    const [chat, models] = server.control.requests();
    expect(chat).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      route: 'chat.completions',
      surface: 'openai',
      status: 200,
    });
    expect(chat?.body).toMatchObject({ model: 'gpt-4o' });
    expect(chat?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(server.control.requests())).not.toContain(TEST_KEY);
    expect(chat?.durationMs).toBeGreaterThanOrEqual(0);
    expect(chat?.requestId).toMatch(/^req_/);
    expect(models?.route).toBe('models.list');
    expect(server.control.requests({ route: 'models.list' })).toHaveLength(1);
    expect(server.control.requests({ method: 'post', path: 'chat' })).toHaveLength(1);
    expect(server.control.requests({ surface: 'azure' })).toHaveLength(0);
  });

  it('keeps only the newest entries when the limit is reached', async () => {
    const small = await startTestServer({ requestLogLimit: 2 });
    try {
      const client = openaiClient(small);
      for (let i = 0; i < 5; i++) await client.models.list();
      expect(small.control.requests().map((entry) => entry.seq)).toEqual([4, 5]);
      const none = await startTestServer({ requestLogLimit: 0 });
      await openaiClient(none).models.list();
      expect(none.control.requests()).toEqual([]);
      await none.close();
    } finally {
      await small.close();
    }
  });

  it('is readable and clearable over HTTP', async () => {
    await openaiClient(server).models.list();
    const listed = await control('GET', '/requests?route=models.list');
    expect(listed.body.requests).toHaveLength(1);
    expect(listed.body.requests[0].headers.authorization).toBe('[redacted]');
    expect((await control('DELETE', '/requests')).status).toBe(200);
    expect(server.control.requests()).toHaveLength(0);
  });
});

describe('control endpoint', () => {
  it('answers health, installs and removes faults, and rejects bad specs', async () => {
    expect((await control('GET', '/health')).body).toEqual({ ok: true });
    const stats = (await control('GET', '/stats')).body;
    expect(stats).toMatchObject({ batches: 0, files: 0, realtimeConnections: 0 });
    expect(stats.requests).toBeGreaterThanOrEqual(0);
    expect(stats.memory.heapUsed).toBeGreaterThan(0);
    const added = await control('POST', '/faults', { kind: 'status', status: 503, route: 'models.list', times: 1 });
    expect(added.status).toBe(201);
    expect((await control('GET', '/faults')).body.faults).toHaveLength(1);
    const error = await openaiClient(server)
      .models.list()
      .catch((caught: unknown) => caught);
    expect((error as { status: number }).status).toBe(503);
    expect((await control('GET', '/faults')).body.faults).toHaveLength(0);
    const many = await control('POST', '/faults', {
      faults: [{ kind: 'hang' }, { kind: 'reset', route: 'embeddings' }],
    });
    expect(many.body.ids).toHaveLength(2);
    expect((await control('DELETE', `/faults/${many.body.ids[0]}`)).body).toEqual({ removed: true });
    expect((await control('DELETE', '/faults/nope')).status).toBe(404);
    expect((await control('DELETE', '/faults')).status).toBe(200);
    expect(server.control.faults.list()).toHaveLength(0);
    for (const bad of [
      { kind: 'explode' },
      { kind: 'status', status: 200 },
      { kind: 'status', probability: 2 },
      { kind: 'hang', times: 0 },
      { kind: 'hang', route: 5 },
      { kind: 'hang', surface: 'gcp' },
      [1],
    ]) {
      const response = await control('POST', '/faults', bad);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/fault|body/);
    }
    expect((await control('POST', '/nothing')).status).toBe(404);
  });

  it('changes latency, fault rate, rate limits and quota over HTTP', async () => {
    expect((await control('PUT', '/latency', { timeToFirstTokenMs: 0, interChunkMs: 0 })).status).toBe(200);
    expect((await control('PUT', '/latency', { interChunkMs: -1 })).status).toBe(400);
    expect((await control('PUT', '/fault-rate', { rate: 1 })).status).toBe(200);
    expect(
      await openaiClient(server)
        .models.list()
        .catch((caught: { status: number }) => caught.status),
    ).toBe(500);
    expect((await control('PUT', '/fault-rate', { rate: 7 })).status).toBe(400);
    expect((await control('PUT', '/fault-rate', { rate: 0 })).status).toBe(200);
    expect((await control('PUT', '/rate-limits', { rpm: 1 })).status).toBe(200);
    expect((await control('DELETE', '/rate-limits')).status).toBe(200);
    expect((await control('PUT', '/quota', { exceeded: true })).status).toBe(200);
    const quota = await openaiClient(server)
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: { code: string }) => caught.code);
    expect(quota).toBe('insufficient_quota');
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await control('PUT', '/quota', 'not-json')).status).toBe(400);
  });
});

describe('lifecycle', () => {
  it('closes with open keep-alive sockets and pending latency timers, and can be closed twice', async () => {
    const slow = await startTestServer({ latency: { timeToFirstTokenMs: 60_000 } });
    const client = openaiClient(slow);
    const pending = client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.close();
    await slow.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('closes when its AbortSignal aborts, and refuses to start with an aborted one', async () => {
    const controller = new AbortController();
    const started = await startTestServer({ signal: controller.signal });
    controller.abort();
    await expect(fetch(`${started.origin}/__mock/health`).then((response) => response.status)).rejects.toThrow();
    await expect(startTestServer({ signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
