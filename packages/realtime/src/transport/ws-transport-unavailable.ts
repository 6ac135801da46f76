import { UnsupportedError } from '@switchboard/core';
import type { TransportFactory } from './transport.js';

/**
 * The browser and worker build's `wsTransport`: `ws` needs Node's sockets and is left out of these bundles entirely
 * (the package's `node` export condition selects the real one), so asking for it fails with a clear error.
 */
export function wsTransport(): TransportFactory {
  throw new UnsupportedError({
    message: 'The `ws` transport runs only on Node; here the platform WebSocket is used (transport: "websocket").',
  });
}
