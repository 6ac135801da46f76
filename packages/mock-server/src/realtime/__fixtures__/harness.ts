import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSpec, validateOpenAI } from '@internal/conformance';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { type AttachRealtimeOptions, attachRealtime, type RealtimeController } from '../index.js';

/** A server event as a test sees it. */
export type ServerEvent = { type: string; event_id: string; [key: string]: unknown };

/** A loopback HTTP server with the realtime routes attached. */
export interface Harness {
  server: Server;
  controller: RealtimeController;
  port: number;
  /** `ws://127.0.0.1:<port><path>` */
  wsUrl(path: string): string;
  close(): Promise<void>;
}

/** Starts a plain `http.createServer()` on 127.0.0.1 and attaches the realtime routes to it. */
export async function startHarness(options: AttachRealtimeOptions = { apiKeys: ['test-key'] }): Promise<Harness> {
  const server = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const controller = attachRealtime(server, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    controller,
    port,
    wsUrl: (path) => `ws://127.0.0.1:${port}${path}`,
    async close() {
      await controller.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

let schemaByType: Map<string, string> | undefined;

/** The spec's schema for each server event type, read from the RealtimeServerEvent union. */
function schemaFor(type: string): string {
  if (!schemaByType) {
    const schemas = (getSpec('openai') as { components: { schemas: Record<string, any> } }).components.schemas;
    schemaByType = new Map();
    for (const member of schemas.RealtimeServerEvent.anyOf as { $ref: string }[]) {
      const name = member.$ref.split('/').at(-1) as string;
      schemaByType.set(schemas[name].properties.type.enum[0], name);
    }
  }
  const name = schemaByType.get(type);
  if (!name) throw new Error(`the spec has no server event of type ${type}`);
  return name;
}

/** Throws unless `event` matches its type's schema in the official spec (and the RealtimeServerEvent union). */
export function assertConforms(event: unknown): void {
  const type = (event as { type?: string }).type ?? '(none)';
  for (const schema of [schemaFor(type), 'RealtimeServerEvent']) {
    const result = validateOpenAI(schema, event);
    if (!result.valid) {
      throw new Error(
        `${type} does not match ${schema}:\n  ${result.errors.join('\n  ')}\n${JSON.stringify(event).slice(0, 800)}`,
      );
    }
  }
}

/** A raw `ws` client that records and validates every server event. */
export class RawClient {
  readonly events: ServerEvent[] = [];
  readonly socket: WebSocket;
  /** Resolves with the close code and reason the client saw. */
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: { predicate: (event: ServerEvent) => boolean; resolve: (event: ServerEvent) => void }[] = [];
  #cursor = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString()) as ServerEvent;
      assertConforms(event);
      this.events.push(event);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.predicate(event)) return true;
        waiter.resolve(event);
        return false;
      });
    });
  }

  /** Opens a connection; resolves once the handshake succeeded. */
  static connect(
    url: string,
    options: { headers?: Record<string, string>; protocols?: string[] } = {},
  ): Promise<RawClient> {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    const client = new RawClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** The next event of `type` after the last one `next` or `request` returned, waiting for it if needed. */
  async next(type?: string): Promise<ServerEvent> {
    const predicate = (event: ServerEvent) => type === undefined || event.type === type;
    const index = this.events.findIndex((event, position) => position >= this.#cursor && predicate(event));
    const event = index >= 0 ? (this.events[index] as ServerEvent) : await this.waitFor(predicate);
    this.#cursor = this.events.indexOf(event) + 1;
    return event;
  }

  /** Resolves with the first event, from now on, that matches. */
  waitFor(predicate: (event: ServerEvent) => boolean): Promise<ServerEvent> {
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }

  /** Sends a client event (JSON-encoded) or raw text. */
  send(event: object | string): void {
    this.socket.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  /** Sends `event` and returns the next event of `type`. */
  async request(event: object | string, type: string): Promise<ServerEvent> {
    const answer = this.waitFor((candidate) => candidate.type === type);
    this.send(event);
    const result = await answer;
    this.#cursor = this.events.indexOf(result) + 1;
    return result;
  }

  /** Closes normally and waits for the close to finish. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000);
    await this.closed;
  }
}

/** Attempts an upgrade that should be refused; resolves with the HTTP status, headers and parsed body. */
export function expectRefusal(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    socket.on('open', () => {
      socket.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    socket.on('error', () => {});
    socket.on('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => {
        socket.terminate();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
    });
  });
}

/** Concatenates the deltas of one type. */
export function joinDeltas(events: readonly ServerEvent[], type: string): string {
  return events
    .filter((event) => event.type === type)
    .map((event) => event.delta as string)
    .join('');
}

/** A harness shared by one test file, with clients that are torn down after each test. */
export interface SharedHarness {
  readonly harness: Harness;
  /** Connects with the default key; `waitForSession` (default true) also waits for `session.created`. */
  connect(options?: { path?: string; waitForSession?: boolean }): Promise<RawClient>;
}

/**
 * Registers the hooks of a test file: one server for the file (key `k`), faults and latency reset and clients
 * terminated after each test, everything closed at the end.
 */
export function useSharedHarness(options: AttachRealtimeOptions = {}): SharedHarness {
  let harness: Harness | undefined;
  const clients: RawClient[] = [];
  beforeAll(async () => {
    harness = await startHarness({ apiKeys: ['k'], ...options });
  });
  afterEach(() => {
    harness?.controller.clearFaults();
    harness?.controller.setLatency({ firstDeltaMs: 0, betweenDeltasMs: 0, ...options.latency });
    for (const client of clients.splice(0)) client.socket.terminate();
  });
  afterAll(async () => {
    await harness?.close();
  });
  return {
    get harness() {
      if (!harness) throw new Error('the harness starts in beforeAll');
      return harness;
    },
    async connect({ path = '/v1/realtime?model=gpt-realtime', waitForSession = true } = {}) {
      const client = await RawClient.connect(this.harness.wsUrl(path), { headers: { Authorization: 'Bearer k' } });
      clients.push(client);
      if (waitForSession) await client.next('session.created');
      return client;
    },
  };
}

/** A `conversation.item.create` with one user text part; `extra` is merged into the event. */
export function userMessage(text: string, extra: object = {}): object {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    ...extra,
  };
}

/** Sends `event` and returns the `error` object of the answer. */
export async function errorFor(client: RawClient, event: object | string): Promise<Record<string, unknown>> {
  return (await client.request(event, 'error')).error as Record<string, unknown>;
}
