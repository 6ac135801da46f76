import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** What a test's fake server does with a connection and each client event. */
export interface RawBehaviour {
  /** Called for every accepted connection (after `session.created` unless `silentOpen`). */
  connection?: (socket: WebSocket) => void;
  /** Called for each client event. */
  event?: (event: Record<string, unknown> & { type: string }, socket: WebSocket) => void;
  /** Leave upgrade requests unanswered. */
  hang?: boolean;
}

/**
 * A bare `ws` server for the situations the mock server does not produce (upgrades that never answer, binary frames,
 * hand-made responses). Connection data only: it does not replace the mock server's Realtime routes.
 */
export class RawServer {
  behaviour: RawBehaviour = {};
  readonly events: (Record<string, unknown> & { type: string })[] = [];
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #hanging = new Set<Duplex>();

  private constructor(server: Server) {
    this.#server = server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.behaviour.hang) {
        this.#hanging.add(socket);
        socket.on('close', () => this.#hanging.delete(socket));
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    });
  }

  /** Starts on 127.0.0.1. */
  static async start(): Promise<RawServer> {
    const server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RawServer(server);
  }

  /** `ws://127.0.0.1:PORT/v1/realtime?model=m`. */
  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1/realtime?model=m`;
  }

  /** A provider whose realtime endpoint points here. */
  provider(resolve?: () => Promise<{ url: string; headers: Record<string, string>; model: string }>) {
    return {
      name: 'raw',
      realtime: {
        provider: 'raw',
        resolve: resolve ?? (async () => ({ url: this.url, headers: { Authorization: 'Bearer sk-raw' }, model: 'm' })),
      },
    };
  }

  /** Every open connection. */
  get clients(): Set<WebSocket> {
    return this.#wss.clients;
  }

  /** Closes everything. */
  async close(): Promise<void> {
    for (const socket of this.#hanging) socket.destroy();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise((resolve) => this.#wss.close(resolve));
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  #accept(ws: WebSocket): void {
    ws.send(JSON.stringify({ type: 'session.created', event_id: 'e0', session: { id: 'sess_raw' } }));
    ws.on('message', (data) => {
      const event = JSON.parse(data.toString());
      this.events.push(event);
      this.behaviour.event?.(event, ws);
    });
    this.behaviour.connection?.(ws);
  }
}

/** The `response` of a `response.created` / `response.done` event. */
export function response(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, object: 'realtime.response', status: 'in_progress', output: [], ...extra };
}
