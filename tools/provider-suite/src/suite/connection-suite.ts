import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { RealtimeConnectionInfo } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

/** A loopback origin where nothing listens. */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 1}`;
}

/** Sends the WebSocket upgrade a realtime client would send; resolves with the status (101 when accepted). */
export function tryUpgrade(info: RealtimeConnectionInfo): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(info.url.replace(/^ws/, 'http'));
    const req = request(url, {
      headers: {
        ...info.headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...(info.protocols ? { 'Sec-WebSocket-Protocol': info.protocols.join(', ') } : {}),
      },
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `checkConnection` and the `realtime` descriptor. */
export function describeConnection(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: checkConnection`, () => {
    it('reports ok for a working key and endpoint', async () => {
      const status = await harness.provider().checkConnection?.();
      expect(status).toMatchObject({ ok: true, provider: target.name });
      expect(status?.latencyMs).toBeGreaterThanOrEqual(0);
      expect(status?.endpoint).not.toContain(target.goodKey);
    });

    it('reports an unreachable endpoint', async () => {
      const status = await harness.provider({ origin: await closedOrigin() }).checkConnection?.();
      expect(status?.ok).toBe(false);
      expect(status?.problem).toMatch(/Could not reach/);
      expect(status?.error).toMatchObject({ code: 'network' });
    });

    it('throws when the caller aborts', async () => {
      await expect(harness.provider().checkConnection?.({ signal: AbortSignal.abort() })).rejects.toMatchObject({
        code: 'aborted',
      });
    });
  });

  describe(`${target.name}: realtime endpoint`, () => {
    it('resolves the wss URL and auth headers, never with the key in the URL', async () => {
      const realtime = harness.provider().realtime;
      const info = await realtime?.resolve(target.models.realtime);
      expect(realtime?.provider).toBe(target.name);
      expect(info?.url).toBe(target.expectedRealtimeUrl(harness.server));
      expect(info?.url).not.toContain(target.goodKey);
      expect(JSON.stringify(info?.headers)).toContain(target.goodKey);
      expect(Object.keys(info?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('openai-beta');
    });

    it('opens a realtime socket on the mock server with what it resolved', async () => {
      const info = await harness.provider().realtime?.resolve(target.models.realtime);
      expect(await tryUpgrade(info as RealtimeConnectionInfo)).toBe(101);
    });

    it('resolves a rotating key on every call', async () => {
      let n = 0;
      const realtime = harness.provider({ apiKey: async () => `${target.goodKey}${++n}` }).realtime;
      const first = await realtime?.resolve(target.models.realtime);
      const second = await realtime?.resolve(target.models.realtime, { headers: { 'x-extra': '1' } });
      expect(JSON.stringify(first?.headers)).toContain(`${target.goodKey}1`);
      expect(JSON.stringify(second?.headers)).toContain(`${target.goodKey}2`);
      expect(second?.headers['x-extra']).toBe('1');
    });
  });
}
