import { NetworkError, UnsupportedError } from '@switchboard/core';
import type { RealtimeTransport, TransportEvents, TransportFactory, TransportTarget } from './transport.js';

/** The constructor shape of the WHATWG WebSocket (browsers, Deno, Bun, Node 22+). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * The transport on the platform's `WebSocket` (browsers, workers, Deno, Bun). It cannot set headers, so the endpoint
 * authenticates through subprotocols (a client secret, or the key where that is safe); it cannot ping either, so heartbeats are off and events count as delivered once
 * written. `terminate()` reports the close at once instead of waiting for a handshake a dead peer never answers.
 */
export function globalWebSocketTransport(
  WebSocketImpl: WebSocketConstructor | undefined = globalThis.WebSocket,
): TransportFactory {
  const factory = (target: TransportTarget, events: TransportEvents): RealtimeTransport => {
    if (!WebSocketImpl) {
      throw new UnsupportedError({ message: 'There is no global WebSocket here; use the `ws` transport.' });
    }
    const headerNames = Object.keys(target.headers);
    if (headerNames.length > 0) {
      throw new UnsupportedError({
        message: `The platform WebSocket cannot send headers (${headerNames.join(', ')}); use the \`ws\` transport or an endpoint that authenticates with subprotocols.`,
        provider: target.provider,
      });
    }
    const socket = new WebSocketImpl(target.url, target.protocols ?? []);
    socket.binaryType = 'arraybuffer';
    let finished = false;
    let failed = false;
    const finish = (code: number, reason: string) => {
      if (finished) return;
      finished = true;
      const error = failed
        ? new NetworkError({
            message: 'Realtime WebSocket error (the platform gives no detail).',
            provider: target.provider,
          })
        : undefined;
      events.close({ code, reason, error });
    };
    socket.onopen = () => events.open();
    socket.onmessage = (message: MessageEvent) => {
      if (typeof message.data === 'string') events.message(message.data);
      else events.binary((message.data as ArrayBuffer).byteLength ?? 0);
    };
    socket.onerror = () => {
      failed = true;
    };
    socket.onclose = (event: CloseEvent) => finish(event.code, event.reason);

    const transport: RealtimeTransport = {
      canPing: false,
      send(text) {
        if (finished || socket.readyState !== 1) return false;
        socket.send(text);
        return true;
      },
      ping() {},
      close(code, reason) {
        socket.close(code, reason);
      },
      terminate() {
        socket.onopen = null;
        socket.onmessage = null;
        // A no-op rather than null: some implementations throw an unhandled error event while connecting.
        socket.onerror = () => {};
        socket.onclose = null;
        try {
          socket.close();
        } catch {
          // Closing a socket that is still connecting can throw in some runtimes; it is being abandoned anyway.
        }
        queueMicrotask(() => finish(1006, ''));
      },
    };
    return transport;
  };
  return Object.assign(factory, { canSendHeaders: false });
}
