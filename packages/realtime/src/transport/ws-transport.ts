import { NetworkError, type SwitchboardError } from '@switchboard/core';
import { lazyModule } from '@switchboard/core/node';
import type WebSocket from 'ws';
import { mapUpgradeFailure } from '../errors/map-upgrade-failure.js';
import type { RealtimeTransport, TransportFactory } from './transport.js';

const MAX_ERROR_BODY = 8 * 1024;

/** `ws`, loaded when the first socket opens rather than at import. */
const loadWs = lazyModule<{ default: typeof WebSocket }>(() => import.meta.resolve('ws'));

/**
 * The Node transport, on the `ws` package: sets upgrade headers, pings, and turns a refused upgrade into the typed
 * error for its HTTP status (with the provider's error message and Retry-After).
 */
export function wsTransport(): TransportFactory {
  return (target, events) => {
    let failure: SwitchboardError | undefined;
    const { default: WebSocket } = loadWs();
    const socket = new WebSocket(target.url, target.protocols ?? [], {
      headers: target.headers,
      perMessageDeflate: false,
      followRedirects: false,
    });
    socket.on('open', () => events.open());
    socket.on('message', (data, isBinary) => {
      if (isBinary) events.binary(byteSize(data));
      else events.message(data.toString());
    });
    socket.on('pong', (payload) => events.pong(payload));
    socket.on('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_ERROR_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      const finish = () => {
        failure ??= mapUpgradeFailure({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY),
          provider: target.provider,
        });
        socket.terminate();
      };
      response.once('end', finish);
      response.once('error', finish);
    });
    socket.on('error', (error) => {
      failure ??= new NetworkError({
        message: `Realtime WebSocket error: ${error.message}`,
        provider: target.provider,
        cause: error,
      });
    });
    socket.on('close', (code, reason) => events.close({ code, reason: reason.toString(), error: failure }));

    const transport: RealtimeTransport = {
      canPing: true,
      send(text) {
        if (socket.readyState !== WebSocket.OPEN) return false;
        socket.send(text);
        return true;
      },
      ping(payload) {
        if (socket.readyState === WebSocket.OPEN) socket.ping(payload);
      },
      close(code, reason) {
        socket.close(code, reason);
      },
      terminate() {
        socket.terminate();
      },
    };
    return transport;
  };
}

function byteSize(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}
