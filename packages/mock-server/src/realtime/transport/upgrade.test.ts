import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateOpenAI } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { expectRefusal, type Harness, RawClient, startHarness } from '../__fixtures__/harness.js';
import type { RealtimeUpgradeRecord } from '../types.js';
import { attachRealtime } from './controller.js';

let harness: Harness;
const upgrades: RealtimeUpgradeRecord[] = [];

beforeAll(async () => {
  harness = await startHarness({
    apiKeys: ['test-key'],
    azureApiKeys: ['azure-key', 'entra-token'],
    azureDeployments: ['rt-deploy'],
    onUpgrade: (record) => upgrades.push(record),
  });
  // The HTTP side of the mock answers upgrades on paths the realtime module leaves alone.
  harness.server.on('upgrade', (req, socket) => {
    if (req.url?.startsWith('/other'))
      socket.end("HTTP/1.1 418 I'm a Teapot\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
});

afterAll(async () => {
  await harness.close();
});

describe('OpenAI route auth', () => {
  it('accepts the Bearer key', async () => {
    const client = await RawClient.connect(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
      headers: { Authorization: 'Bearer test-key' },
    });
    expect((await client.next('session.created')).session).toMatchObject({ model: 'gpt-realtime' });
    await client.close();
  });

  it('accepts the browser subprotocol key and answers with the realtime subprotocol', async () => {
    const client = await RawClient.connect(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
      protocols: ['realtime', 'openai-insecure-api-key.test-key'],
    });
    expect(client.socket.protocol).toBe('realtime');
    await client.next('session.created');
    await client.close();
  });

  it('picks an offered protocol even when only the key is offered', async () => {
    const client = await RawClient.connect(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
      protocols: ['openai-insecure-api-key.test-key'],
    });
    expect(client.socket.protocol).toBe('openai-insecure-api-key.test-key');
    await client.close();
  });

  it('refuses a wrong key with 401 and the real error body, without echoing the key', async () => {
    const refused = await expectRefusal(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
      headers: { Authorization: 'Bearer sk-wrong-secret' },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    expect(JSON.stringify(refused.body)).not.toContain('sk-wrong-secret');
    expect(validateOpenAI('ErrorResponse', refused.body).valid).toBe(true);
  });

  it('refuses a missing key with 401', async () => {
    const refused = await expectRefusal(harness.wsUrl('/v1/realtime?model=gpt-realtime'));
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/You didn't provide an API key/);
    expect(validateOpenAI('ErrorResponse', refused.body).valid).toBe(true);
  });

  it('refuses the Azure api-key header on the OpenAI route', async () => {
    const refused = await expectRefusal(harness.wsUrl('/v1/realtime?model=gpt-realtime'), {
      headers: { 'api-key': 'test-key' },
    });
    expect(refused.status).toBe(401);
  });

  it('requires a model', async () => {
    const refused = await expectRefusal(harness.wsUrl('/v1/realtime'), {
      headers: { Authorization: 'Bearer test-key' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'missing_required_parameter', param: 'model' });
    expect(validateOpenAI('ErrorResponse', refused.body).valid).toBe(true);
  });
});

describe('Azure routes', () => {
  it('serves the GA /openai/v1/realtime?model= route with an api-key header', async () => {
    const client = await RawClient.connect(harness.wsUrl('/openai/v1/realtime?model=rt-deploy'), {
      headers: { 'api-key': 'azure-key' },
    });
    expect((await client.next('session.created')).session).toMatchObject({ model: 'rt-deploy' });
    client.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    await client.next('session.updated');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    });
    client.send({ type: 'response.create' });
    expect((await client.next('response.done')).response).toMatchObject({ status: 'completed' });
    expect(harness.controller.connections.at(-1)).toMatchObject({ route: 'azure-v1', model: 'rt-deploy' });
    await client.close();
  });

  it('accepts a Bearer token on the GA route', async () => {
    const client = await RawClient.connect(harness.wsUrl('/openai/v1/realtime?model=rt-deploy'), {
      headers: { Authorization: 'Bearer entra-token' },
    });
    await client.next('session.created');
    await client.close();
  });

  it('serves the dated /openai/realtime?api-version=&deployment= route', async () => {
    const client = await RawClient.connect(
      harness.wsUrl('/openai/realtime?api-version=2025-04-01-preview&deployment=rt-deploy'),
      {
        headers: { 'api-key': 'azure-key' },
      },
    );
    await client.next('session.created');
    expect(harness.controller.connections.at(-1)).toMatchObject({
      route: 'azure-deployments',
      apiVersion: '2025-04-01-preview',
    });
    await client.close();
  });

  it('refuses a wrong key with Azure 401 body', async () => {
    const refused = await expectRefusal(harness.wsUrl('/openai/v1/realtime?model=rt-deploy'), {
      headers: { 'api-key': 'nope' },
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      error: { code: '401', message: expect.stringMatching(/^Access denied due to invalid subscription key/) },
    });
  });

  it('refuses an unknown deployment, a missing deployment and a missing api-version', async () => {
    const headers = { 'api-key': 'azure-key' };
    const unknown = await expectRefusal(harness.wsUrl('/openai/v1/realtime?model=nope'), { headers });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('DeploymentNotFound');
    const missingModel = await expectRefusal(harness.wsUrl('/openai/v1/realtime'), { headers });
    expect(missingModel.status).toBe(400);
    const missingDeployment = await expectRefusal(harness.wsUrl('/openai/realtime?api-version=2025-04-01-preview'), {
      headers,
    });
    expect(missingDeployment.body.error.message).toContain("'deployment'");
    const missingVersion = await expectRefusal(harness.wsUrl('/openai/realtime?deployment=rt-deploy'), { headers });
    expect(missingVersion.status).toBe(404);
  });
});

describe('paths the module does not serve', () => {
  it('leaves them to the other upgrade listeners', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: harness.port,
        path: '/other',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket' },
      });
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      req.on('upgrade', () => resolve(101));
      req.end();
    });
    expect(status).toBe(418);
  });

  it('answers 404 with unhandledUpgrade: not-found, and can be driven by hand with listen: false', async () => {
    const server = createServer();
    const controller = attachRealtime(server, { listen: false, unhandledUpgrade: 'not-found' });
    const handled: boolean[] = [];
    server.on('upgrade', (req, socket, head) => handled.push(controller.handleUpgrade(req, socket, head)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const refused = await expectRefusal(`ws://127.0.0.1:${port}/v2/elsewhere`);
    expect(refused.status).toBe(404);
    expect(validateOpenAI('ErrorResponse', refused.body).valid).toBe(true);
    const client = await RawClient.connect(`ws://127.0.0.1:${port}/v1/realtime?model=m`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    await client.next('session.created');
    expect(handled).toEqual([true, true]);
    await client.close();
    await controller.close();
    await controller.close();
    const afterClose = await expectRefusal(`ws://127.0.0.1:${port}/v1/realtime?model=m`, {
      headers: { Authorization: 'Bearer any-key' },
    });
    expect(afterClose.status).toBe(503);
    expect(afterClose.body.error.type).toBe('server_error');
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses upgrades with 503 once closed while still listening', async () => {
    const server = createServer();
    const controller = attachRealtime(server, { listen: false });
    server.on('upgrade', (req, socket, head) => {
      if (!controller.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await controller.close();
    const refused = await expectRefusal(`ws://127.0.0.1:${port}/openai/v1/realtime?model=m`, {
      headers: { 'api-key': 'k' },
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('ServiceUnavailable');
    const other = new WebSocket(`ws://127.0.0.1:${port}/nowhere`);
    await new Promise((resolve) => other.on('error', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('the upgrade log', () => {
  it('records every realtime upgrade with its outcome and never a credential', () => {
    expect(upgrades.length).toBeGreaterThan(5);
    expect(harness.controller.upgrades).toEqual(upgrades);
    expect(upgrades.some((record) => record.status === 101 && record.connectionId?.startsWith('conn_'))).toBe(true);
    expect(upgrades.some((record) => record.status === 401)).toBe(true);
    expect(JSON.stringify(upgrades)).not.toMatch(/test-key|azure-key|sk-wrong/);
  });
});
