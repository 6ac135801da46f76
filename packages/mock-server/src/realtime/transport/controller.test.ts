import { describe, expect, it, vi } from 'vitest';
import { RawClient, type SharedHarness, startHarness, userMessage, useSharedHarness } from '../__fixtures__/harness.js';

const shared = useSharedHarness({ sessionDefaults: { output_modalities: ['text'] } });

function latestConnectionId(from: SharedHarness): string {
  return from.harness.controller.connections.at(-1)?.id as string;
}

describe('injected events', () => {
  it('sends error, rate_limits.updated and arbitrary events to every connection or one', async () => {
    const first = await shared.connect({ waitForSession: false });
    const second = await shared.connect({ waitForSession: false });
    await first.next('session.created');
    await second.next('session.created');
    shared.harness.controller.sendError({ code: 'overloaded', message: 'Busy.' });
    expect((await first.next('error')).error).toEqual({
      type: 'server_error',
      code: 'overloaded',
      message: 'Busy.',
      param: null,
      event_id: null,
    });
    expect((await second.next('error')).error).toMatchObject({ type: 'server_error' });
    shared.harness.controller.sendError(undefined, latestConnectionId(shared));
    expect((await second.next('error')).error).toMatchObject({
      message: 'The server had an error while processing your request.',
    });
    const limits = [{ name: 'requests' as const, limit: 10, remaining: 0, reset_seconds: 6 }];
    shared.harness.controller.sendRateLimits(limits, latestConnectionId(shared));
    expect((await second.next('rate_limits.updated')).rate_limits).toEqual(limits);
    shared.harness.controller.sendEvent({
      type: 'input_audio_buffer.speech_started',
      audio_start_ms: 0,
      item_id: 'item_x',
    });
    expect(await first.next('input_audio_buffer.speech_started')).toMatchObject({
      event_id: expect.stringMatching(/^event_/),
    });
    expect(first.events.filter((event) => event.type === 'error')).toHaveLength(1);
  });
});

describe('logs', () => {
  it('keeps per-connection client events and forgets closed connections on clearLog', async () => {
    const client = await shared.connect({ waitForSession: false });
    await client.next('session.created');
    client.send('not json');
    await client.next('error');
    const id = latestConnectionId(shared);
    expect(shared.harness.controller.clientEvents(id)).toEqual([
      expect.objectContaining({ connectionId: id, type: '(invalid)', event: 'not json', handled: true }),
    ]);
    expect(shared.harness.controller.clientEvents()).toContainEqual(expect.objectContaining({ event: 'not json' }));
    await client.close();
    await vi.waitFor(() =>
      expect(shared.harness.controller.connections.find((info) => info.id === id)?.open).toBe(false),
    );
    shared.harness.controller.clearLog();
    expect(shared.harness.controller.connections.every((info) => info.open)).toBe(true);
    expect(shared.harness.controller.upgrades).toEqual([]);
    expect(shared.harness.controller.clientEvents()).toEqual([]);
  });

  it('bounds the logs', async () => {
    const small = await startHarness({ apiKeys: ['k'], maxLoggedEvents: 2, maxLoggedConnections: 1 });
    const first = await RawClient.connect(small.wsUrl('/v1/realtime?model=m'), {
      headers: { Authorization: 'Bearer k' },
    });
    for (const text of ['a', 'b', 'c']) first.send(userMessage(text));
    await first.next('conversation.item.done');
    await first.next('conversation.item.done');
    await first.next('conversation.item.done');
    expect(
      small.controller
        .clientEvents()
        .map((record) => (record.event as { item: { content: { text: string }[] } }).item.content[0]?.text),
    ).toEqual(['b', 'c']);
    await first.close();
    await vi.waitFor(() => expect(small.controller.connections[0]?.open).toBe(false));
    const second = await RawClient.connect(small.wsUrl('/v1/realtime?model=m'), {
      headers: { Authorization: 'Bearer k' },
    });
    expect(small.controller.connections).toHaveLength(1);
    expect(small.controller.connections[0]?.open).toBe(true);
    await second.next('session.created');
    await small.close();
    expect((await second.closed).code).toBe(1006);
  });
});

describe('close()', () => {
  it('tears down open, silent and mid-response connections and leaves nothing behind', async () => {
    const local = await startHarness({ apiKeys: ['k'], latency: { firstDeltaMs: 10_000 } });
    const busy = await RawClient.connect(local.wsUrl('/v1/realtime?model=m'), {
      headers: { Authorization: 'Bearer k' },
    });
    busy.send({ type: 'response.create' });
    await busy.next('response.created');
    local.controller.goSilent({ newConnections: 1 });
    const quiet = await RawClient.connect(local.wsUrl('/v1/realtime?model=m'), {
      headers: { Authorization: 'Bearer k' },
    });
    await local.close();
    expect((await busy.closed).code).toBe(1006);
    expect((await quiet.closed).code).toBe(1006);
    expect(local.controller.connections.every((info) => !info.open)).toBe(true);
  });
});
