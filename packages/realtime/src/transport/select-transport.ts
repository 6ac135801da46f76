import { UnsupportedError } from '@switchboard/core';
import { detectRuntime, type RuntimeKind } from './detect-runtime.js';
import { globalWebSocketTransport, type WebSocketConstructor } from './global-transport.js';
import type { TransportFactory } from './transport.js';

/** Which transport to use: `ws` (Node), `websocket` (the platform's global WebSocket) or your own factory. */
export type TransportChoice = 'ws' | 'websocket' | TransportFactory;

/** Creates the `ws` transport; present only in the Node build of the package (the `node` export condition). */
export type WsTransportLoader = () => TransportFactory;

/**
 * The transport for `choice`. By default: `ws` on Node (Node 20 has no global WebSocket, and `ws` sets headers, pings
 * and reports refused upgrades), the platform WebSocket everywhere else it exists (Bun, Deno, workers, browsers),
 * authenticated through subprotocols.
 */
export function selectTransport(
  choice: TransportChoice | undefined,
  ws: WsTransportLoader | undefined,
  runtime: RuntimeKind = detectRuntime(),
  platformWebSocket: unknown = globalThis.WebSocket,
): TransportFactory {
  if (typeof choice === 'function') return choice;
  if (choice === 'ws') return ws ? ws() : unsupported('The `ws` transport exists only in the Node build.');
  const platform = typeof platformWebSocket === 'function' ? (platformWebSocket as WebSocketConstructor) : undefined;
  if (choice === 'websocket') return globalWebSocketTransport(platform);
  if (runtime === 'node' && ws) return ws();
  if (platform) return globalWebSocketTransport(platform);
  if (ws) return ws();
  return unsupported('There is no WebSocket in this runtime; pass `transport` with a factory of your own.');
}

function unsupported(message: string): never {
  throw new UnsupportedError({ message });
}
