import {
  AbortedError,
  ConfigError,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UnsupportedError,
} from '@switchboard/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { RawServer, response } from './__fixtures__/raw-server.js';
import { ReconnectFailedError } from './errors/reconnect-failed-error.js';
import { ResponseInterruptedError } from './errors/response-interrupted-error.js';
import { connectRealtime } from './index.node.js';
import type { RealtimeSession } from './realtime-session.js';

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

async function open(options: Partial<Parameters<typeof connectRealtime>[1]> = {}, provider = server.provider()) {
  const session = await connectRealtime(provider, {
    model: 'm',
    reconnect: { initialDelayMs: 5, maxDelayMs: 10 },
    ...options,
  });
  sessions.push(session);
  return session;
}

function send(socket: WebSocket, event: Record<string, unknown>): void {
  socket.send(JSON.stringify(event));
}

/** Answers response.create with created + one text delta + done (status as given). */
function answer(status = 'completed', extra: Record<string, unknown> = {}) {
  let n = 0;
  return (event: Record<string, unknown> & { type: string }, socket: WebSocket) => {
    if (event.type !== 'response.create') return;
    const id = `resp_${++n}`;
    const metadata = (event.response as { metadata?: unknown } | undefined)?.metadata;
    send(socket, { type: 'response.created', response: response(id, { metadata }) });
    const ref = { response_id: id, item_id: 'item', output_index: 0, content_index: 0 };
    send(socket, { type: 'response.output_text.delta', ...ref, delta: 'hi' });
    send(socket, { type: 'response.done', response: response(id, { status, metadata, ...extra }) });
  };
}

describe('connecting', () => {
  it('rejects bad options, providers without realtime and unsafe URLs with typed errors', async () => {
    await expect(connectRealtime(server.provider(), { model: '' })).rejects.toBeInstanceOf(ConfigError);
    await expect(connectRealtime({ name: 'none' }, { model: 'm' })).rejects.toBeInstanceOf(UnsupportedError);
    const leaky = server.provider(async () => ({ url: `${server.url}&api-key=sk-secret`, headers: {}, model: 'm' }));
    const error = await connectRealtime(leaky, { model: 'm' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('sk-secret');
  });

  it('times out a handshake that never completes and gives up after the attempts allowed', async () => {
    server.behaviour = { hang: true };
    const once = connectRealtime(server.provider(), { model: 'm', connectTimeoutMs: 30, reconnect: false });
    await expect(once).rejects.toBeInstanceOf(TimeoutError);
    const retried = connectRealtime(server.provider(), {
      model: 'm',
      connectTimeoutMs: 30,
      reconnect: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await retried.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReconnectFailedError);
    expect((error as ReconnectFailedError).cause).toMatchObject({ code: 'timeout', phase: 'headers' });
  });

  it('retries when resolving the endpoint fails for a transient reason', async () => {
    let calls = 0;
    const flaky = server.provider(async () => {
      if (++calls === 1) throw new Error('DNS hiccup');
      return { url: server.url, headers: {}, model: 'm' };
    });
    const session = await open({}, flaky);
    expect(calls).toBe(2);
    expect(session.resolvedModel).toBe('m');
  });

  it('fails at once when the transport cannot be built', async () => {
    await expect(connectRealtime(server.provider(), { model: 'm', transport: 'websocket' })).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });

  it('stops connecting when the signal aborts or the session is closed meanwhile', async () => {
    server.behaviour = { hang: true };
    const controller = new AbortController();
    const attempt = connectRealtime(server.provider(), { model: 'm', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(attempt).rejects.toBeInstanceOf(AbortedError);
    let resolveEndpoint!: () => void;
    const slow = server.provider(
      () =>
        new Promise((resolve) => {
          resolveEndpoint = () => resolve({ url: server.url, headers: {}, model: 'm' });
        }),
    );
    const controller2 = new AbortController();
    const pending = connectRealtime(slow, { model: 'm', signal: controller2.signal });
    await vi.waitFor(() => expect(resolveEndpoint).toBeTypeOf('function'));
    controller2.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    resolveEndpoint();
  });
});

describe('receiving', () => {
  it('passes binary frames on as raw events and reports listener errors without breaking delivery', async () => {
    const errors: unknown[] = [];
    server.behaviour = {
      event: (event, socket) => event.type === 'response.cancel' && socket.send(Buffer.from([1, 2])),
    };
    const session = await open({ onListenerError: (error) => errors.push(error) });
    session.on('raw-event', () => {
      throw new Error('listener bug');
    });
    const raw = session.waitFor('raw-event');
    session.cancelResponse('resp_x');
    expect(await raw).toMatchObject({ eventType: '(binary)', issues: ['2 bytes'] });
    expect(errors).toEqual([new Error('listener bug')]);
    expect(session.serverSession).toEqual({ id: 'sess_raw' });
  });

  it('stops waiting when the signal aborts', async () => {
    const session = await open();
    const controller = new AbortController();
    const waiting = session.waitFor('response.done', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await expect(session.waitFor('response.done', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    const handler = () => {};
    session.on('error', handler);
    session.off('error', handler);
  });
});

describe('replies', () => {
  it('rejects a failed response with the mapped error, and an error about its item with that error', async () => {
    server.behaviour = {
      event: answer('failed', {
        status_details: {
          type: 'failed',
          error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'slow' },
        },
      }),
    };
    const session = await open();
    await expect(session.sendText('x').text).rejects.toBeInstanceOf(RateLimitError);
    server.behaviour = {
      event: (event, socket) => {
        if (event.type === 'conversation.item.create') {
          send(socket, {
            type: 'error',
            error: { type: 'invalid_request_error', message: 'bad item', event_id: event.event_id },
          });
        }
      },
    };
    const status = session.waitFor('error');
    await expect(session.sendText('y').text).rejects.toBeInstanceOf(InvalidRequestError);
    expect((await status).error.message).toBe('bad item');
    await expect(session.createResponse({ signal: AbortSignal.abort() }).text).rejects.toBeInstanceOf(AbortedError);
  });

  it('cancels a response that was asked to cancel before the server announced it', async () => {
    let socketRef: WebSocket | undefined;
    server.behaviour = {
      event: (event, socket) => {
        socketRef = socket;
        if (event.type === 'response.cancel') {
          send(socket, {
            type: 'response.done',
            response: response(event.response_id as string, { status: 'cancelled', metadata: null }),
          });
        }
      },
    };
    const session = await open();
    const reply = session.createResponse();
    reply.cancel();
    await vi.waitFor(() => expect(server.events.map((event) => event.type)).toContain('response.create'));
    const create = server.events.find((event) => event.type === 'response.create') as unknown as {
      response: { metadata: unknown };
    };
    send(socketRef as WebSocket, {
      type: 'response.created',
      response: response('resp_c', { metadata: create.response.metadata }),
    });
    const done = await reply.done;
    expect(done.status).toBe('cancelled');
    expect(server.events.at(-1)).toMatchObject({ type: 'response.cancel', response_id: 'resp_c' });
    reply.cancel();
  });

  it('interrupts responses nobody asked a helper for (raw sends, server-initiated) on a drop', async () => {
    server.behaviour = {
      event: (event, socket) => {
        if (event.type === 'response.create')
          send(socket, { type: 'response.created', response: response('resp_raw') });
      },
    };
    const session = await open();
    session.send({ type: 'response.create' });
    await session.waitFor('response.created');
    const interrupted = session.waitFor('response-interrupted');
    for (const client of server.clients) client.terminate();
    const event = await interrupted;
    expect(event.responseId).toBe('resp_raw');
    expect(event.error).toBeInstanceOf(ResponseInterruptedError);
    await vi.waitFor(() => expect(session.state).toBe('open'));
  });

  it('answers tool calls in responses the server starts on its own (voice agents)', async () => {
    const seen: unknown[] = [];
    server.behaviour = {
      connection: (socket) => {
        setTimeout(() => {
          send(socket, {
            type: 'response.done',
            response: response('resp_vad', {
              status: 'completed',
              output: [
                { type: 'function_call', call_id: 'c1', name: 'lights', arguments: '{"on":true}' },
                { type: 'function_call', call_id: 'c2', name: 'unknown_tool', arguments: '{}' },
                { type: 'function_call', call_id: 'c3', name: 'lights', arguments: 'not json' },
                { type: 'message', role: 'assistant' },
              ],
            }),
          });
        }, 20);
      },
      event: (event) => {
        if (event.type === 'conversation.item.create') seen.push((event.item as { output: string }).output);
      },
    };
    const session = await open({ tools: { lights: { execute: (args) => (args as { on: boolean }).on } } });
    await vi.waitFor(() => expect(server.events.map((event) => event.type)).toContain('response.create'));
    expect(seen).toEqual([
      'true',
      '{"error":"No handler is registered for the tool \\"unknown_tool\\"."}',
      '{"error":"The arguments are not valid JSON."}',
    ]);
    expect(session.sessionConfig?.tools).toEqual([{ type: 'function', name: 'lights' }]);
  });

  it('closes for good when the server closes with 1000 during reconnection attempts', async () => {
    const session = await open();
    expect(session.stats).toMatchObject({ connections: 1, reconnects: 0, queuedEvents: 0 });
    for (const client of server.clients) client.close(1011, 'internal');
    await vi.waitFor(() => expect(session.stats.connections).toBe(2));
    for (const client of server.clients) client.close(1000);
    const info = await session.closed;
    expect(info.code).toBe(1000);
    expect(session.stats.reconnects).toBe(1);
  });

  it('fails replies still waiting to be sent when the server ends the session normally', async () => {
    server.behaviour = {
      event: (event, socket) => event.type === 'conversation.item.create' && socket.close(1000, 'bye'),
    };
    const session = await open();
    const reply = session.sendText('unanswered');
    const error = await reply.text.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe('The realtime server ended the session (1000 (normal closure)).');
    expect(session.closeInfo).toEqual({ code: 1000, reason: 'bye' });
  });

  it('reports a close without a status after the session opened as a network error when reconnection is off', async () => {
    const session = await open({ reconnect: false });
    for (const client of server.clients) client.terminate();
    const info = await session.closed;
    expect(info.error).toBeInstanceOf(NetworkError);
    expect(info.error?.message).toContain('1006 (abnormal closure)');
  });
});
