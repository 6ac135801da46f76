import { setTimeout as sleep } from 'node:timers/promises';
import { AuthenticationError, ServerError, TimeoutError } from '@switchboard/core';
import type { MockServer } from '@switchboard/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ConnectionStateEvent,
  type ConnectRealtimeOptions,
  connectRealtime,
  QueueFullError,
  type RealtimeSession,
  ReconnectFailedError,
  ResponseInterruptedError,
} from '../src/index.node.js';
import { handledEvents, openAIProvider, startServer } from './__fixtures__/mock.js';

let server: MockServer;
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  server.realtime.clearFaults();
  server.realtime.clearLog();
  server.realtime.setLatency({ firstDeltaMs: 0, betweenDeltasMs: 1 });
});
afterAll(async () => {
  await server.close();
});

const FAST_RECONNECT = { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 30 };

async function open(options: Partial<ConnectRealtimeOptions> = {}): Promise<RealtimeSession> {
  const session = await connectRealtime(openAIProvider(server), {
    model: 'gpt-realtime',
    session: { output_modalities: ['text'], instructions: 'Be brief.' },
    reconnect: FAST_RECONNECT,
    ...options,
  });
  sessions.push(session);
  return session;
}

function recordStates(session: RealtimeSession): ConnectionStateEvent[] {
  const states: ConnectionStateEvent[] = [];
  session.on('connection-state', (event) => {
    states.push(event);
  });
  return states;
}

/** Resolves once the session is open again after a drop (or at once if it already is and has reconnected). */
async function restored(session: RealtimeSession, connections: number): Promise<void> {
  await vi.waitFor(() => expect(session.stats.connections).toBeGreaterThanOrEqual(connections), { timeout: 10_000 });
  await vi.waitFor(() => expect(session.state).toBe('open'), { timeout: 10_000 });
}

function userMessage(text: string) {
  return {
    type: 'conversation.item.create' as const,
    item: { type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text }] },
  };
}

/**
 * The core assertion of every fault test, read from the server's own log: across all connections, the events the
 * server handled are exactly the ones the client sent (the session's replayed `session.update`s aside), each once
 * and in order, and every connection after the first began with the replayed configuration.
 */
function expectDeliveredOnce(sent: string[]): void {
  const handled = handledEvents(server);
  const user = handled.filter((event) => event.type !== 'session.update').map((event) => event.eventId);
  expect(user).toEqual(sent);
  const connections = [...new Set(handled.map((event) => event.connectionId))];
  for (const connection of connections) {
    const first = handled.find((event) => event.connectionId === connection);
    expect(first?.type).toBe('session.update');
  }
}

describe('the server drops the connection at open', () => {
  it('reconnects when the socket is torn down right after the upgrade', async () => {
    server.realtime.dropOnOpen({ at: 'upgrade' });
    const session = await open();
    const text = await session.sendText('After a bad start');
    expect(text).toContain('Mock reply to "After a bad start"');
    await restored(session, 2);
    expect(server.realtime.upgrades.filter((upgrade) => upgrade.status === 101).length).toBeGreaterThanOrEqual(2);
    const sent = handledEvents(server)
      .filter((event) => event.type !== 'session.update')
      .map((event) => event.eventId);
    expectDeliveredOnce(sent);
    expect(sent).toHaveLength(2);
    expect(session.serverSession?.instructions).toBe('Be brief.');
  });

  it('reconnects after a "service restart" close (1012) sent with session.created, retrying at once', async () => {
    server.realtime.dropOnOpen({ at: 'session-created', mode: 1012, reason: 'restarting' });
    const session = await open();
    const states = recordStates(session);
    const sent = [session.send(userMessage('one')), session.send(userMessage('two'))];
    await restored(session, 2);
    await vi.waitFor(() => expect(handledEvents(server, 'conversation.item.create')).toHaveLength(2));
    expectDeliveredOnce(sent);
    const reconnecting = states.find((event) => event.state === 'reconnecting');
    if (reconnecting) expect(reconnecting).toMatchObject({ attempt: 1, delayMs: 0 });
  });
});

describe('the server drops the connection mid-response', () => {
  it('fails the response in flight with ResponseInterruptedError, restores the session, and sends nothing twice', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 5 });
    server.realtime.dropMidResponse({ afterDeltas: 3 });
    const session = await open();
    const states = recordStates(session);
    const interrupted = session.waitFor('response-interrupted');
    const reply = session.sendText('Tell me a long story');
    const streamed: string[] = [];
    const streaming = (async () => {
      for await (const delta of reply.textStream) streamed.push(delta);
    })();
    await expect(reply.text).rejects.toBeInstanceOf(ResponseInterruptedError);
    await expect(streaming).rejects.toBeInstanceOf(ResponseInterruptedError);
    const event = await interrupted;
    expect(event.responseId).toMatch(/^resp_/);
    expect(event.error).toMatchObject({ responseId: event.responseId, closeCode: 1006, retryable: true });
    await expect(reply.done).rejects.toBe(event.error);
    expect(streamed.length).toBeGreaterThanOrEqual(3);

    await restored(session, 2);
    const again = await session.sendText('Shorter this time');
    expect(again).toContain('Mock reply to "Shorter this time"');
    expect(handledEvents(server, 'response.create')).toHaveLength(2);
    expectDeliveredOnce(
      handledEvents(server)
        .filter((e) => e.type !== 'session.update')
        .map((e) => e.eventId),
    );
    expect(states.map((state) => state.state)).toEqual(['reconnecting', 'open']);
    expect(states[0]).toMatchObject({ attempt: 1, delayMs: 0, closeCode: 1006 });
  });
});

describe('the server drops the connection while the client is sending', () => {
  it('delivers every event in order across the drop and a spell of refused reconnections; only an event whose confirmation the drop lost comes twice', async () => {
    const session = await open();
    const states = recordStates(session);
    server.realtime.dropAfterClientEvents(5);
    server.realtime.refuseConnections({ forMs: 150 });
    const sent: string[] = [];
    for (let index = 0; index < 24; index++) {
      sent.push(session.send(userMessage(`message ${index}`)));
      if (index % 3 === 2) session.appendAudio(new Int16Array(480));
      await sleep(4);
    }
    await restored(session, 2);
    const firstConnection = server.realtime.clientEvents()[0]?.connectionId;
    const messagesHandled = () => new Set(handledEvents(server, 'conversation.item.create').map((e) => e.eventId));
    await vi.waitFor(() => expect(messagesHandled().size).toBe(24), { timeout: 10_000 });
    const handled = handledEvents(server).filter((event) => event.type !== 'session.update');
    const ids = handled.map((event) => event.eventId);
    // Every event arrives, in the order sent (by first arrival).
    const firstArrivals = [...new Set(ids)];
    expect(firstArrivals.filter((id) => sent.includes(id))).toEqual(sent);
    // At least once, not more: an event is sent again only when the drop lost its confirmation (the pong behind it),
    // so a repeat is an event the first connection took, repeated once, on a later connection. On a quiet machine the
    // pong arrives first and nothing repeats; a loaded one can lose the last one or two with the socket.
    const repeats = handled.filter((event, index) => ids.indexOf(event.eventId) !== index);
    expect(repeats.length).toBeLessThanOrEqual(2);
    for (const repeat of repeats) {
      expect(repeat.connectionId).not.toBe(firstConnection);
      expect(handled.find((event) => event.eventId === repeat.eventId)?.connectionId).toBe(firstConnection);
    }
    const connections = [...new Set(handledEvents(server).map((event) => event.connectionId))];
    for (const connection of connections) {
      expect(handledEvents(server).find((event) => event.connectionId === connection)?.type).toBe('session.update');
    }
    const dropped = server.realtime.clientEvents().filter((record) => !record.handled);
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    expect(server.realtime.upgrades.some((upgrade) => upgrade.status === 503)).toBe(true);
    expect(states.filter((state) => state.state === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    expect(session.stats).toMatchObject({ queuedEvents: 0, queuedBytes: 0 });
  });

  it('queues a burst sent while disconnected and delivers it once, after the replayed session.update', async () => {
    const session = await open();
    session.updateSession({ instructions: 'Answer in French.' });
    server.realtime.refuseConnections({ forMs: 100 });
    server.realtime.dropConnections();
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    const sent = Array.from({ length: 50 }, (_, index) => session.send(userMessage(`queued ${index}`)));
    expect(session.stats.queuedEvents).toBe(50);
    await restored(session, 2);
    await vi.waitFor(() => expect(handledEvents(server, 'conversation.item.create')).toHaveLength(50));
    const last = server.realtime.connections.at(-1);
    const replay = server.realtime.clientEvents(last?.id)[0]?.event as { session?: Record<string, unknown> };
    expect(replay.session).toEqual({
      type: 'realtime',
      output_modalities: ['text'],
      instructions: 'Answer in French.',
    });
    expectDeliveredOnce(
      handledEvents(server)
        .filter((e) => e.type !== 'session.update')
        .map((e) => e.eventId),
    );
    expect(
      handledEvents(server)
        .filter((e) => sent.includes(e.eventId))
        .map((e) => e.eventId),
    ).toEqual(sent);
  });

  it('refuses an event that does not fit the queue with QueueFullError and keeps the ones that did', async () => {
    const session = await open({ maxQueueBytes: 600 });
    server.realtime.refuseConnections({ forMs: 100 });
    server.realtime.dropConnections();
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    const kept = [session.send(userMessage('a')), session.send(userMessage('b'))];
    expect(() => session.send(userMessage('x'.repeat(500)))).toThrow(QueueFullError);
    // Helpers queue all of their events or none.
    expect(() => session.appendAudio(new Int16Array(240), { chunkBytes: 160 })).toThrow(QueueFullError);
    expect(() => session.sendText('y'.repeat(200))).toThrow(QueueFullError);
    expect(session.stats.queuedEvents).toBe(2);
    await restored(session, 2);
    await vi.waitFor(() => expect(handledEvents(server, 'conversation.item.create')).toHaveLength(2));
    expect(handledEvents(server, 'conversation.item.create').map((event) => event.eventId)).toEqual(kept);
  });
});

describe('the server refuses reconnection for a while', () => {
  it('keeps trying with growing, jittered delays and restores the session with the queued reply', async () => {
    const session = await open();
    const states = recordStates(session);
    server.realtime.refuseConnections({ forMs: 250 });
    server.realtime.dropConnections();
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    const reply = session.sendText('Are you back?');
    expect(await reply).toContain('Mock reply to "Are you back?"');
    const attempts = states.filter((state) => state.state === 'reconnecting');
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts[0]).toMatchObject({ attempt: 1, delayMs: 0 });
    expect(attempts[1]?.error).toBeInstanceOf(ServerError);
    expect(attempts[1]?.error?.status).toBe(503);
    for (const attempt of attempts.slice(1)) {
      const ceiling = Math.min(FAST_RECONNECT.maxDelayMs, FAST_RECONNECT.initialDelayMs * 2 ** (attempt.attempt - 2));
      expect(attempt.delayMs).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
      expect(attempt.delayMs).toBeLessThanOrEqual(ceiling);
    }
    expect(states.at(-1)).toMatchObject({ state: 'open', previous: 'reconnecting' });
    expectDeliveredOnce(
      handledEvents(server)
        .filter((e) => e.type !== 'session.update')
        .map((e) => e.eventId),
    );
  });

  it('gives up after maxAttempts with ReconnectFailedError, failing what was waiting', async () => {
    const session = await open({ reconnect: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10 } });
    server.realtime.refuseConnections({ count: 10 });
    server.realtime.dropConnections();
    // Sent into the dying socket: unconfirmed, so it waits for a connection that never comes.
    const reply = session.sendText('lost cause');
    const info = await session.closed;
    expect(info.error).toBeInstanceOf(ReconnectFailedError);
    expect(info.error).toMatchObject({ attempts: 3, retryable: false });
    expect((info.error as ReconnectFailedError).cause).toBeInstanceOf(ServerError);
    await expect(reply.text).rejects.toBe(info.error);
    expect(server.realtime.upgrades.filter((upgrade) => upgrade.status === 503)).toHaveLength(3);
  });

  it('stops at once when a reconnection is refused for good (401)', async () => {
    const session = await open();
    server.realtime.refuseConnections({ count: 1, status: 401 });
    server.realtime.dropConnections();
    const info = await session.closed;
    expect(info.error).toBeInstanceOf(AuthenticationError);
    expect(server.realtime.upgrades.filter((upgrade) => upgrade.status === 401)).toHaveLength(1);
  });

  it('waits as long as a 429 refusal asks (Retry-After)', async () => {
    const session = await open();
    const states = recordStates(session);
    server.realtime.refuseConnections({ count: 1, status: 429 });
    server.realtime.dropConnections();
    await restored(session, 2);
    const attempts = states.filter((state) => state.state === 'reconnecting');
    expect(attempts[1]?.delayMs).toBeGreaterThanOrEqual(1000);
    expect(attempts[1]?.error?.code).toBe('rate-limit');
  });

  it('closes on the first drop when reconnection is off', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 20 });
    const session = await open({ reconnect: false });
    const reply = session.sendText('fragile');
    await session.waitFor('response.output_text.delta');
    server.realtime.dropConnections();
    await expect(reply.text).rejects.toBeInstanceOf(ResponseInterruptedError);
    const info = await session.closed;
    expect(info).toMatchObject({ code: 1006, error: { code: 'network' } });
  });
});

describe('the server goes silent', () => {
  it('notices within the heartbeat time, fails the response in flight, and delivers what was sent meanwhile', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 10 });
    const session = await open({ heartbeat: { intervalMs: 40, timeoutMs: 80 } });
    const reply = session.sendText('Start talking');
    await session.waitFor('response.output_text.delta');
    server.realtime.goSilent();
    const silentAt = Date.now();
    const during = [session.send(userMessage('while silent 1')), session.send(userMessage('while silent 2'))];
    const error = await reply.text.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseInterruptedError);
    expect((error as ResponseInterruptedError).cause).toBeInstanceOf(TimeoutError);
    expect(Date.now() - silentAt).toBeLessThan(5_000);
    await restored(session, 2);
    await vi.waitFor(() => expect(handledEvents(server, 'conversation.item.create')).toHaveLength(3));
    const handled = handledEvents(server).filter((event) => event.type !== 'session.update');
    expect(handled.filter((event) => during.includes(event.eventId)).map((event) => event.eventId)).toEqual(during);
    expectDeliveredOnce(handled.map((event) => event.eventId));
    const ignored = server.realtime.clientEvents().filter((record) => !record.handled);
    expect(ignored.map((record) => (record.event as { event_id: string }).event_id)).toEqual(during);
  });

  it('also gives up on a new connection that never says anything', async () => {
    const session = await open({ heartbeat: { intervalMs: 30, timeoutMs: 60 } });
    server.realtime.goSilent({ newConnections: 1 });
    const reply = session.sendText('Anyone there?');
    expect(await reply).toContain('Mock reply to "Anyone there?"');
    expect(session.stats.connections).toBe(3);
    expectDeliveredOnce(
      handledEvents(server)
        .filter((e) => e.type !== 'session.update')
        .map((e) => e.eventId),
    );
  });
});

describe('close() releases everything', () => {
  it('leaves no timer or socket behind, even while reconnecting', async () => {
    const before = resources();
    const session = await open({ heartbeat: { intervalMs: 1000, timeoutMs: 1000 } });
    server.realtime.refuseConnections({ forMs: 10_000 });
    server.realtime.dropConnections();
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    await sleep(50);
    await session.close();
    await sleep(20);
    expectNoNewResources(before);
  });

  it('closes cleanly while open: handshake, no timers', async () => {
    const before = resources();
    const session = await open({ heartbeat: { intervalMs: 1000, timeoutMs: 1000 } });
    await session.sendText('bye soon');
    await session.close(1000, 'done');
    await sleep(20);
    expectNoNewResources(before);
    expect(server.realtime.connections.at(-1)?.closeCode).toBe(1000);
  });
});

function expectNoNewResources(before: Record<string, number>): void {
  const after = resources();
  for (const name of ['Timeout', 'TCPSocketWrap']) expect(after[name] ?? 0).toBeLessThanOrEqual(before[name] ?? 0);
}

/** Timers and client sockets of this process (the server's sockets close with the connection). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) {
    if (name === 'Timeout' || name === 'TCPSocketWrap') counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
