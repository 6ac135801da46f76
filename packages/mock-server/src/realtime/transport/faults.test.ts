import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { expectRefusal, type SharedHarness, userMessage, useSharedHarness } from '../__fixtures__/harness.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

function latestConnectionId(from: SharedHarness): string {
  return from.harness.controller.connections.at(-1)?.id as string;
}

describe('drops', () => {
  it('drops a connection at open, after session.created, as an abnormal close (1006)', async () => {
    shared.harness.controller.dropOnOpen();
    const client = await shared.connect({ waitForSession: false });
    expect((await client.closed).code).toBe(1006);
    expect(client.events.map((event) => event.type)).toEqual(['session.created']);
    const next = await shared.connect({ waitForSession: false });
    await next.next('session.created');
    expect(next.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('drops right after the upgrade with a close code, several times', async () => {
    shared.harness.controller.dropOnOpen({ at: 'upgrade', mode: 1012, reason: 'restarting', times: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const client = await shared.connect({ waitForSession: false });
      expect(await client.closed).toEqual({ code: 1012, reason: 'restarting' });
      expect(client.events).toEqual([]);
    }
    await vi.waitFor(() =>
      expect(shared.harness.controller.connections.at(-1)).toMatchObject({ open: false, closeCode: 1012 }),
    );
  });

  it('drops in the middle of a response after N deltas, without response.done', async () => {
    shared.harness.controller.dropMidResponse({ afterDeltas: 2, mode: 1011 });
    const client = await shared.connect({ waitForSession: false });
    client.send(userMessage('tell me something'));
    client.send({ type: 'response.create' });
    expect((await client.closed).code).toBe(1011);
    const types = client.events.map((event) => event.type);
    expect(types.filter((type) => type === 'response.output_text.delta')).toHaveLength(2);
    expect(types).not.toContain('response.done');
  });

  it('drops before response.done when the response has fewer deltas than asked, and only on the chosen connection', async () => {
    const bystander = await shared.connect({ waitForSession: false });
    await bystander.next('session.created');
    const target = await shared.connect({ waitForSession: false });
    await target.next('session.created');
    shared.harness.controller.dropMidResponse({ afterDeltas: 1000, connectionId: latestConnectionId(shared) });
    bystander.send({ type: 'response.create' });
    await bystander.next('response.done');
    target.send({ type: 'response.create' });
    expect((await target.closed).code).toBe(1006);
    expect(target.events.map((event) => event.type)).toContain('response.output_text.done');
    expect(target.events.map((event) => event.type)).not.toContain('response.done');
  });

  it('drops a function call response mid-arguments', async () => {
    shared.harness.controller.dropMidResponse();
    const client = await shared.connect({ waitForSession: false });
    client.send({
      type: 'session.update',
      session: { type: 'realtime', tools: [{ type: 'function', name: 'get_weather' }] },
    });
    client.send(userMessage('weather?'));
    client.send({ type: 'response.create' });
    await client.closed;
    expect(client.events.filter((event) => event.type === 'response.function_call_arguments.delta')).toHaveLength(1);
  });

  it('drops the connection that sends the Nth client event and logs it as unhandled', async () => {
    const client = await shared.connect({ waitForSession: false });
    await client.next('session.created');
    shared.harness.controller.dropAfterClientEvents(3);
    client.send(userMessage('one'));
    client.send(userMessage('two'));
    client.send(userMessage('three'));
    expect((await client.closed).code).toBe(1006);
    const log = shared.harness.controller.clientEvents(latestConnectionId(shared));
    expect(log.map((record) => record.handled)).toEqual([true, true, false]);
    expect(
      log.map((record) => (record.event as { item: { content: { text: string }[] } }).item.content[0]?.text),
    ).toEqual(['one', 'two', 'three']);
    expect(client.events.filter((event) => event.type === 'conversation.item.added')).toHaveLength(2);
  });

  it('drops open connections on demand and closes them all', async () => {
    const first = await shared.connect({ waitForSession: false });
    const second = await shared.connect({ waitForSession: false });
    await first.next('session.created');
    await second.next('session.created');
    expect(
      shared.harness.controller.dropConnections({
        mode: 4000,
        reason: 'bye',
        connectionId: latestConnectionId(shared),
      }),
    ).toBe(1);
    expect(await second.closed).toEqual({ code: 4000, reason: 'bye' });
    shared.harness.controller.closeAll();
    expect((await first.closed).code).toBe(1000);
  });

  it('tears sockets down for closeAll("destroy") and for 1006', async () => {
    const first = await shared.connect({ waitForSession: false });
    shared.harness.controller.closeAll('destroy');
    expect((await first.closed).code).toBe(1006);
    const second = await shared.connect({ waitForSession: false });
    shared.harness.controller.closeAll(1006);
    expect((await second.closed).code).toBe(1006);
  });

  it('sends a close frame without a code for 1005', async () => {
    const client = await shared.connect();
    shared.harness.controller.dropConnections({ mode: 1005 });
    expect((await client.closed).code).toBe(1005);
  });

  it('rejects close codes a server may not send', () => {
    expect(() => shared.harness.controller.dropOnOpen({ mode: 1004 })).toThrow(RangeError);
    expect(() => shared.harness.controller.closeAll(999)).toThrow(/Invalid WebSocket close code/);
    expect(() => shared.harness.controller.dropMidResponse({ mode: 1500.5 })).toThrow(RangeError);
  });
});

describe('refusals', () => {
  it('refuses a number of upgrades with 503, then accepts again', async () => {
    shared.harness.controller.refuseConnections({ count: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await expectRefusal(shared.harness.wsUrl('/v1/realtime?model=m'), {
        headers: { Authorization: 'Bearer k' },
      });
      expect(refused.status).toBe(503);
      expect(refused.body.error.type).toBe('server_error');
    }
    await (await shared.connect({ waitForSession: false })).next('session.created');
  });

  it('refuses for a duration, with 429 and retry-after headers when asked', async () => {
    shared.harness.controller.refuseConnections({ forMs: 60_000, status: 429 });
    for (let attempt = 0; attempt < 3; attempt++) {
      const refused = await expectRefusal(shared.harness.wsUrl('/openai/v1/realtime?model=m'), {
        headers: { 'api-key': 'k' },
      });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.headers['retry-after-ms']).toBe('1000');
      expect(refused.body.error.code).toBe('429');
    }
    shared.harness.controller.clearFaults();
    await (await shared.connect({ waitForSession: false })).next('session.created');
  });

  it('refuses once by default', async () => {
    shared.harness.controller.refuseConnections();
    const refused = await expectRefusal(shared.harness.wsUrl('/v1/realtime?model=m'), {
      headers: { Authorization: 'Bearer k' },
    });
    expect(refused.status).toBe(503);
    await (await shared.connect({ waitForSession: false })).next('session.created');
  });
});

describe('silence', () => {
  it('stops answering events and pings on open connections', async () => {
    const client = await shared.connect({ waitForSession: false });
    await client.next('session.created');
    shared.harness.controller.setLatency({ betweenDeltasMs: 30 });
    client.send(userMessage('long answer please'));
    client.send({ type: 'response.create' });
    await client.next('response.output_text.delta');
    shared.harness.controller.goSilent();
    const seen = client.events.length;
    client.send({ type: 'session.update', session: { type: 'realtime' } });
    let ponged = false;
    client.socket.on('pong', () => {
      ponged = true;
    });
    client.socket.ping();
    // A live connection answers a ping within a few milliseconds; give it far longer to be sure it stays quiet.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ponged).toBe(false);
    expect(client.events.length).toBe(seen);
    const info = shared.harness.controller.connections.find(
      (connection) => connection.id === latestConnectionId(shared),
    );
    expect(info?.silent).toBe(true);
    expect(info?.clientEvents.at(-1)).toMatchObject({ type: 'session.update', handled: false });
  });

  it('answers pings on a healthy connection', async () => {
    const client = await shared.connect({ waitForSession: false });
    await client.next('session.created');
    const pong = new Promise((resolve) => client.socket.once('pong', resolve));
    client.socket.ping('x');
    expect(String(await pong)).toBe('x');
  });

  it('starts the next connections silent, and only one connection when asked', async () => {
    const other = await shared.connect({ waitForSession: false });
    await other.next('session.created');
    const silenced = await shared.connect({ waitForSession: false });
    await silenced.next('session.created');
    shared.harness.controller.goSilent({ connectionId: latestConnectionId(shared), newConnections: 1 });
    const quiet = await shared.connect({ waitForSession: false });
    const normal = await shared.connect({ waitForSession: false });
    await normal.next('session.created');
    other.send({ type: 'input_audio_buffer.clear' });
    await other.next('input_audio_buffer.cleared');
    expect(quiet.events).toEqual([]);
  });
});
