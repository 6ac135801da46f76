import { InvalidRequestError, TimeoutError } from '@switchboard/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RawServer, response } from '../__fixtures__/raw-server.js';
import { connectRealtime } from '../index.node.js';
import type { RealtimeSession } from '../realtime-session.js';

// Issue 15 item 8: a reply whose response never starts must fail, not wait forever.
let server: RawServer;
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
  server = await RawServer.start();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  server.behaviour = {};
  server.events.length = 0;
});
afterAll(async () => {
  await server.close();
});

async function open(options: Partial<Parameters<typeof connectRealtime>[1]> = {}) {
  const session = await connectRealtime(server.provider(), {
    model: 'm',
    heartbeat: false,
    reconnect: { initialDelayMs: 0, maxDelayMs: 5 },
    ...options,
  });
  sessions.push(session);
  return session;
}

function send(socket: WebSocket, event: Record<string, unknown>): void {
  socket.send(JSON.stringify(event));
}

describe('replies whose response never starts', () => {
  it('fail at once on the error event naming their response.create, long before the deadline', async () => {
    server.behaviour.event = (event, socket) => {
      if (event.type !== 'response.create') return;
      send(socket, {
        type: 'error',
        event_id: 'evt_server_1',
        error: {
          type: 'invalid_request_error',
          code: 'invalid_value',
          message: 'Unknown voice.',
          param: 'response.voice',
          event_id: event.event_id,
        },
      });
    };
    const session = await open({ responseStartTimeoutMs: 60_000 });
    const started = Date.now();
    const error = await session.sendText('hi').text.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ param: 'response.voice' });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('fail with a TimeoutError when the server ignores response.create', async () => {
    const session = await open({ responseStartTimeoutMs: 150 });
    const reply = session.sendText('hi');
    const error = await reply.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'first-token', timeoutMs: 150, provider: 'raw' });
    expect((error as Error).message).toMatch(/No response started within 150 ms/);
    // The stream fails too, and the session stays usable.
    await expect(reply.textStream[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(TimeoutError);
    expect(session.state).toBe('open');
  });

  it('fail with a TimeoutError when the response.created does not echo the request metadata', async () => {
    server.behaviour.event = (event, socket) => {
      if (event.type === 'response.create') send(socket, { type: 'response.created', response: response('resp_x') });
    };
    const session = await open({ responseStartTimeoutMs: 150 });
    await expect(session.sendText('hi').done).rejects.toBeInstanceOf(TimeoutError);
  });

  it('a response that starts in time is not cut short later: the deadline covers only the start', async () => {
    server.behaviour.event = (event, socket) => {
      if (event.type !== 'response.create') return;
      const metadata = (event.response as { metadata?: unknown }).metadata;
      send(socket, { type: 'response.created', response: response('resp_1', { metadata }) });
      setTimeout(() => {
        send(socket, { type: 'response.done', response: response('resp_1', { status: 'completed', metadata }) });
      }, 1500);
    };
    // Generous against a loaded machine: the start takes a loopback round trip, the response far longer than the limit.
    const session = await open({ responseStartTimeoutMs: 1000 });
    expect((await session.sendText('hi').done).status).toBe('completed');
  });

  it('time spent disconnected does not count: a queued request gets its deadline once it is sent', async () => {
    let connections = 0;
    server.behaviour.connection = () => {
      connections++;
    };
    server.behaviour.event = (event, socket) => {
      if (event.type !== 'response.create') return;
      const metadata = (event.response as { metadata?: unknown }).metadata;
      send(socket, { type: 'response.created', response: response('resp_q', { metadata }) });
      send(socket, { type: 'response.done', response: response('resp_q', { status: 'completed', metadata }) });
    };
    const session = await open({ responseStartTimeoutMs: 1000, reconnect: { initialDelayMs: 2000, maxDelayMs: 2000 } });
    for (const client of server.clients) client.terminate();
    await session.waitFor('connection-state', { filter: (event) => event.state === 'reconnecting' });
    const reply = session.sendText('queued while disconnected');
    expect((await reply.done).status).toBe('completed');
    expect(connections).toBe(2);
  });

  it('validates the option, and closing the session clears every deadline', async () => {
    await expect(connectRealtime(server.provider(), { model: 'm', responseStartTimeoutMs: 0 })).rejects.toMatchObject({
      code: 'config',
    });
    const session = await open({ responseStartTimeoutMs: 60_000 });
    const reply = session.sendText('hi');
    await session.close();
    await expect(reply.done).rejects.toMatchObject({ code: 'aborted' });
  });
});
