import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnsupportedError } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { globalWebSocketTransport, type WebSocketConstructor } from './global-transport.js';
import { selectTransport } from './select-transport.js';
import type { TransportClose, TransportEvents } from './transport.js';
import { wsTransport } from './ws-transport.js';
import { wsTransport as unavailableWsTransport } from './ws-transport-unavailable.js';

let server: Server;
let wss: WebSocketServer;
let url: string;

beforeAll(async () => {
  server = createServer();
  wss = new WebSocketServer({ server, handleProtocols: (protocols) => [...protocols][0] ?? false });
  wss.on('connection', (socket, request) => {
    socket.on('message', (data, isBinary) => {
      const text = data.toString();
      if (text === 'binary') socket.send(Buffer.from([1, 2, 3]));
      else if (text === 'close') socket.close(4001, 'asked');
      else socket.send(isBinary ? text : `echo:${text}:${request.headers['sec-websocket-protocol'] ?? ''}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
  await new Promise((resolve) => server.close(resolve));
});

function recorder() {
  const log: string[] = [];
  let resolveClose!: (info: TransportClose) => void;
  const closed = new Promise<TransportClose>((resolve) => {
    resolveClose = resolve;
  });
  let resolveOpen!: () => void;
  const opened = new Promise<void>((resolve) => {
    resolveOpen = resolve;
  });
  const messages: string[] = [];
  const events: TransportEvents = {
    open: () => {
      log.push('open');
      resolveOpen();
    },
    message: (text) => {
      messages.push(text);
    },
    binary: (size) => {
      messages.push(`binary:${size}`);
    },
    pong: () => log.push('pong'),
    close: (info) => resolveClose(info),
  };
  return { events, closed, opened, messages, log };
}

describe('globalWebSocketTransport (WHATWG WebSocket)', () => {
  // `ws` implements the WHATWG interface, so it stands in for the browser's WebSocket here.
  const Platform = WebSocket as unknown as WebSocketConstructor;

  it('opens with subprotocols, sends, receives text and binary frames, and reports the close', async () => {
    const { events, closed, opened, messages } = recorder();
    const transport = globalWebSocketTransport(Platform)({ url, headers: {}, protocols: ['realtime'] }, events);
    expect(transport.canPing).toBe(false);
    expect(transport.send('early')).toBe(false);
    await opened;
    transport.ping(new Uint8Array(4));
    expect(transport.send('hello')).toBe(true);
    transport.send('binary');
    await vi.waitFor(() => expect(messages).toEqual(['echo:hello:realtime', 'binary:3']));
    transport.send('close');
    expect(await closed).toEqual({ code: 4001, reason: 'asked', error: undefined });
  });

  it('closes with a handshake, and terminates at once', async () => {
    const first = recorder();
    const transport = globalWebSocketTransport(Platform)({ url, headers: {} }, first.events);
    await first.opened;
    transport.close(1000, 'bye');
    expect(await first.closed).toMatchObject({ code: 1000, reason: 'bye' });
    const second = recorder();
    const doomed = globalWebSocketTransport(Platform)({ url, headers: {} }, second.events);
    doomed.terminate();
    expect(await second.closed).toEqual({ code: 1006, reason: '', error: undefined });
    expect(doomed.send('x')).toBe(false);
  });

  it('reports a connection error as a NetworkError', async () => {
    const { events, closed } = recorder();
    globalWebSocketTransport(Platform)({ url: 'ws://127.0.0.1:1/', headers: {}, provider: 'openai' }, events);
    const info = await closed;
    expect(info.error).toMatchObject({ code: 'network', provider: 'openai' });
  });

  it('refuses headers (the platform cannot send them) and works only where a WebSocket exists', () => {
    const { events } = recorder();
    expect(() =>
      globalWebSocketTransport(Platform)({ url, headers: { Authorization: 'Bearer secret' } }, events),
    ).toThrow(/cannot send headers \(Authorization\)/);
    try {
      globalWebSocketTransport(Platform)({ url, headers: { Authorization: 'Bearer secret' } }, events);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
    expect(() => globalWebSocketTransport(undefined)({ url, headers: {} }, events)).toThrow(UnsupportedError);
  });
});

describe('wsTransport', () => {
  it('can be closed or terminated before ws has loaded: the close is reported once, with 1006', async () => {
    for (const end of ['terminate', 'close'] as const) {
      const { events, closed, log } = recorder();
      const transport = wsTransport()({ url, headers: {} }, events);
      expect(transport.send('early')).toBe(false);
      if (end === 'terminate') transport.terminate();
      else transport.close(1000, 'bye');
      transport.terminate();
      expect(await closed).toEqual({ code: 1006, reason: '', error: undefined });
      expect(log).not.toContain('open');
    }
  });

  it('receives binary frames and ignores pings once closed', async () => {
    const { events, closed, opened, messages, log } = recorder();
    const transport = wsTransport()({ url, headers: { 'x-test': '1' } }, events);
    await opened;
    transport.ping(new Uint8Array([0, 0, 0, 1]));
    transport.send('binary');
    await vi.waitFor(() => expect(messages).toEqual(['binary:3']));
    await vi.waitFor(() => expect(log).toContain('pong'));
    transport.close(1000, '');
    await closed;
    transport.ping(new Uint8Array(4));
    expect(transport.send('late')).toBe(false);
  });
});

describe('selectTransport', () => {
  const Platform = WebSocket as unknown as WebSocketConstructor;

  it('takes a factory as given, and `ws` or `websocket` when asked', () => {
    const factory = () => ({}) as never;
    expect(selectTransport(factory, wsTransport)).toBe(factory);
    expect(selectTransport('ws', wsTransport).canSendHeaders).toBeUndefined();
    expect(selectTransport('websocket', wsTransport, 'node', Platform).canSendHeaders).toBe(false);
    expect(() => selectTransport('ws', undefined)).toThrow(/only in the Node build/);
  });

  it('defaults to ws on Node, and to the platform WebSocket on Bun, Deno, workers and browsers', () => {
    expect(selectTransport(undefined, wsTransport, 'node', Platform).canSendHeaders).toBeUndefined();
    for (const runtime of ['bun', 'deno', 'worker', 'browser'] as const) {
      expect(selectTransport(undefined, wsTransport, runtime, Platform).canSendHeaders).toBe(false);
      expect(selectTransport(undefined, undefined, runtime, Platform).canSendHeaders).toBe(false);
    }
    // No platform WebSocket (Node 20): ws where the build has it, else a clear error.
    expect(selectTransport(undefined, wsTransport, 'deno', undefined).canSendHeaders).toBeUndefined();
    expect(() => selectTransport(undefined, undefined, 'worker', undefined)).toThrow(UnsupportedError);
  });
});

describe("the browser build's wsTransport", () => {
  it('fails with UnsupportedError: ws is not in that build', () => {
    expect(() => unavailableWsTransport()).toThrow(UnsupportedError);
  });
});
