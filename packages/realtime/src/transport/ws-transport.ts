import { NetworkError, type SwitchboardError } from '@switchboard/core';
import type WebSocket from 'ws';
import { mapUpgradeFailure } from '../errors/map-upgrade-failure.js';
import type { RealtimeTransport, TransportFactory } from './transport.js';

const MAX_ERROR_BODY = 8 * 1024;
const OPEN = 1;

let wsModule: Promise<{ default: typeof WebSocket }> | undefined;

/** `ws`, imported when the first socket opens rather than at import (this file is in the Node build only). */
function loadWs(): Promise<{ default: typeof WebSocket }> {
  wsModule ??= import('ws');
  return wsModule;
}

/**
 * The Node transport, on the `ws` package: sets upgrade headers, pings, and turns a refused upgrade into the typed
 * error for its HTTP status (with the provider's error message and Retry-After). The socket is created once `ws` has
 * loaded; until then `send` reports not-open, as while connecting.
 */
export function wsTransport(): TransportFactory {
  return (target, events) => {
    let socket: WebSocket | undefined;
    let abandoned = false;
    let failure: SwitchboardError | undefined;
    const abandon = (error?: SwitchboardError) => {
      if (abandoned) return;
      abandoned = true;
      queueMicrotask(() => events.close({ code: 1006, reason: '', error }));
    };
    const open = ({ default: WebSocketClass }: { default: typeof WebSocket }) => {
      if (abandoned) return;
      const ws = new WebSocketClass(target.url, target.protocols ?? [], {
        headers: target.headers,
        perMessageDeflate: false,
        followRedirects: false,
      });
      socket = ws;
      ws.on('open', () => events.open());
      ws.on('message', (data, isBinary) => {
        if (isBinary) events.binary(byteSize(data));
        else events.message(data.toString());
      });
      ws.on('pong', (payload) => events.pong(payload));
      ws.on('unexpected-response', (_request, response) => {
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
          ws.terminate();
        };
        response.once('end', finish);
        response.once('error', finish);
      });
      ws.on('error', (error) => {
        failure ??= new NetworkError({
          message: `Realtime WebSocket error: ${error.message}`,
          provider: target.provider,
          cause: error,
        });
      });
      ws.on('close', (code, reason) => events.close({ code, reason: reason.toString(), error: failure }));
    };
    loadWs().then(open, (error: unknown) =>
      abandon(
        new NetworkError({ message: 'The `ws` package could not be loaded.', provider: target.provider, cause: error }),
      ),
    );

    const transport: RealtimeTransport = {
      canPing: true,
      send(text) {
        if (socket?.readyState !== OPEN) return false;
        socket.send(text);
        return true;
      },
      ping(payload) {
        if (socket?.readyState === OPEN) socket.ping(payload);
      },
      close(code, reason) {
        if (socket) socket.close(code, reason);
        else abandon();
      },
      terminate() {
        if (socket) socket.terminate();
        else abandon();
      },
    };
    return transport;
  };
}

function byteSize(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}
