import { connect } from 'node:net';
import { expectOpenAI } from '@internal/conformance';
import OpenAI, { AzureOpenAI } from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MockServer } from '../src/index.js';
import { startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({ deployments: { 'rt-dep': 'gpt-realtime' } });
});
afterAll(() => server.close());

/** The SDK always builds a `wss:` URL; a plain TCP connection to the loopback server stands in for TLS. */
const plainTcp = () => ({ createConnection: () => connect(server.port, '127.0.0.1') });

async function converse(rt: OpenAIRealtimeWS): Promise<string[]> {
  const types: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    rt.on('event', (event) => {
      expectOpenAI('RealtimeServerEvent', event);
      types.push(event.type);
      if (event.type === 'response.done') resolve();
    });
    rt.on('error', reject);
  });
  await new Promise<void>((resolve) => rt.socket.once('open', () => resolve()));
  rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
  rt.send({
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
  });
  rt.send({ type: 'response.create' });
  await done;
  rt.close();
  return types;
}

describe('realtime wiring in startMockServer', () => {
  it('serves /v1/realtime to the official OpenAIRealtimeWS client and logs the upgrade', async () => {
    const client = new OpenAI({ apiKey: TEST_KEY, baseURL: server.url });
    const types = await converse(new OpenAIRealtimeWS({ model: 'gpt-realtime', options: plainTcp() }, client));
    expect(types[0]).toBe('session.created');
    expect(types).toContain('response.output_text.delta');
    expect(server.control.requests({ route: 'realtime' }).at(-1)).toMatchObject({
      status: 101,
      surface: 'openai',
      path: '/v1/realtime?model=gpt-realtime',
    });
    expect(server.realtime).toBe(server.control.realtime);
    expect(server.control.realtime.connections.length).toBeGreaterThan(0);
  });

  it('serves the Azure deployment route with the configured deployments and keys', async () => {
    const azure = new AzureOpenAI({
      apiKey: TEST_KEY,
      endpoint: server.azureUrl,
      apiVersion: '2025-04-01-preview',
      deployment: 'rt-dep',
    });
    const rt = await OpenAIRealtimeWS.azure(azure, { options: plainTcp() });
    const types = await converse(rt);
    expect(types).toContain('response.done');
    expect(server.control.requests({ route: 'realtime' }).at(-1)?.surface).toBe('azure');
  });

  it('refuses wrong keys and unknown deployments, and 404s other upgrade paths', async () => {
    const status = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
        socket.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0);
          response.resume();
          socket.terminate();
        });
        socket.on('open', () => {
          resolve(101);
          socket.close();
        });
        socket.on('error', () => {});
      });
    expect(await status('/v1/realtime?model=gpt-realtime', { authorization: 'Bearer wrong' })).toBe(401);
    expect(
      await status('/openai/realtime?api-version=2025-04-01-preview&deployment=nope', { 'api-key': TEST_KEY }),
    ).toBe(404);
    expect(await status('/v1/not-realtime', { authorization: `Bearer ${TEST_KEY}` })).toBe(404);
  });

  it('closes the server with a realtime socket open', async () => {
    const other = await startTestServer();
    const socket = new WebSocket(`ws://127.0.0.1:${other.port}/v1/realtime?model=gpt-realtime`, {
      headers: { authorization: `Bearer ${TEST_KEY}` },
    });
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await other.close();
    await closed;
  });
});
