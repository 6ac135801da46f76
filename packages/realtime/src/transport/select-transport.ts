import { globalWebSocketTransport } from './global-transport.js';
import type { TransportFactory } from './transport.js';
import { wsTransport } from './ws-transport.js';

/** Which transport to use: `ws` (Node), `websocket` (the platform's global WebSocket) or your own factory. */
export type TransportChoice = 'ws' | 'websocket' | TransportFactory;

/** The transport for `choice`; by default `ws` on Node and the global WebSocket elsewhere. */
export function selectTransport(choice?: TransportChoice): TransportFactory {
  if (typeof choice === 'function') return choice;
  if (choice === 'ws') return wsTransport();
  if (choice === 'websocket') return globalWebSocketTransport();
  const onNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  return onNode ? wsTransport() : globalWebSocketTransport();
}
