import { AbortedError, type RealtimeEndpoint } from '@switchboard/core';
import type { RealtimeClientEvent } from './events/client-events.js';
import { EventHub } from './events/event-hub.js';
import type {
  ConnectionState,
  RealtimeEventOf,
  RealtimeLocalEvent,
  RealtimeSessionEvent,
  RealtimeSessionEventType,
} from './events/local-events.js';
import type { RealtimeServerSession } from './events/server/shared-schemas.js';
import type { RealtimeSessionConfig } from './events/session-config.js';
import { toBase64 } from './helpers/base64.js';
import { chunkPcm16, type Pcm16Input, pcm16Bytes } from './helpers/pcm16.js';
import type { RealtimeReply } from './helpers/realtime-reply.js';
import type { ResolvedOptions } from './options.js';
import { NORMAL_CLOSURE } from './reconnect/close-codes.js';
import { Connection } from './session/connection.js';
import type { ConnectionHost } from './session/connection-host.js';
import { Delivery } from './session/delivery.js';
import { InboundEvents } from './session/inbound-events.js';
import { Replies } from './session/replies.js';
import type { RealtimeCloseInfo, RealtimeSessionStats, ReplyOptions, WaitForOptions } from './session/session-types.js';
import type { TransportFactory } from './transport/transport.js';

export type { RealtimeCloseInfo, RealtimeSessionStats, ReplyOptions, WaitForOptions } from './session/session-types.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Handler<T extends string> = (event: RealtimeEventOf<T>) => void | Promise<void>;

/**
 * A Realtime API session that survives dropped connections. Create it with `connectRealtime`. Consume events with
 * `for await (const event of session)` or `session.on(type, handler)`; send with `send` or the helpers. States:
 * `connecting` → `open` ⇄ `reconnecting` → `closed`, each change announced by a `connection-state` event.
 *
 * This class is the public face; the work is done by its parts: the connection lifecycle (Connection), outgoing
 * events and their delivery (Delivery), incoming frames (InboundEvents) and replies with their tool calls (Replies).
 */
export class RealtimeSession implements AsyncIterable<RealtimeSessionEvent> {
  /** The provider name. */
  readonly provider: string;
  /** The logical model. */
  readonly model: string;
  /** Resolves (never rejects) when the session has closed. */
  readonly closed: Promise<RealtimeCloseInfo>;

  readonly #hub: EventHub<RealtimeSessionEvent>;
  readonly #connection: Connection;
  readonly #delivery: Delivery;
  readonly #replies: Replies;
  readonly #inbound: InboundEvents;

  /** @internal Use `connectRealtime`. */
  constructor(endpoint: RealtimeEndpoint, options: ResolvedOptions, transport: TransportFactory) {
    this.provider = endpoint.provider;
    this.model = options.model;
    this.#hub = new EventHub(options.onListenerError);
    this.#connection = new Connection(endpoint, options, transport, this.#connectionHost());
    this.#delivery = new Delivery(options.maxQueueBytes, endpoint.provider, () => this.#connection.transport);
    this.#replies = new Replies(options.tools, {
      provider: endpoint.provider,
      signal: this.#connection.signal,
      send: (events) => this.#sendAll(events),
      cancel: (responseId) => {
        if (this.#connection.state !== 'closed') this.cancelResponse(responseId);
      },
      emit: (event) => this.#emitLocal(event),
      isQueued: (eventId) => this.#delivery.isQueued(eventId),
      responseStartTimeoutMs: options.responseStartTimeoutMs,
    });
    this.#inbound = new InboundEvents(this.#hub, (event) => this.#replies.observe(event));
    const toolDefinitions = this.#replies.toolDefinitions();
    if (options.session || toolDefinitions.length > 0) {
      const session = { ...options.session };
      if (toolDefinitions.length > 0) session.tools = [...(session.tools ?? []), ...toolDefinitions];
      this.#delivery.mergeConfig(session);
    }
    this.closed = this.#connection.closed;
    const { signal } = options;
    if (signal) {
      const onAbort = () => void this.close(NORMAL_CLOSURE, 'aborted');
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        void this.closed.then(() => signal.removeEventListener('abort', onAbort));
      }
    }
  }

  /** The connection state. */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** The session as the server last described it (`session.created` / `session.updated`). */
  get serverSession(): RealtimeServerSession | undefined {
    return this.#inbound.serverSession;
  }

  /** The configuration applied on every (re)connect: all `session.update`s merged. */
  get sessionConfig(): RealtimeSessionConfig | undefined {
    return this.#delivery.sessionConfig;
  }

  /** How the session ended, once it has. */
  get closeInfo(): RealtimeCloseInfo | undefined {
    return this.#connection.closeInfo;
  }

  /** Counters for monitoring. */
  get stats(): RealtimeSessionStats {
    return {
      connections: this.#connection.connections,
      reconnects: Math.max(0, this.#connection.connections - 1),
      queuedEvents: this.#delivery.queuedCount,
      queuedBytes: this.#delivery.queuedBytes,
      unconfirmedEvents: this.#delivery.unsettledCount,
    };
  }

  /** @internal Starts the first connection attempt. */
  start(): void {
    this.#connection.start();
  }

  /** @internal Resolves when the first connection opens; rejects if the session closes first. */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.#connection.state === 'open' || this.#connection.connections > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const cleanup: (() => void)[] = [];
      const done = (error?: unknown) => {
        for (const step of cleanup) step();
        if (error === undefined) resolve();
        else reject(error);
      };
      cleanup.push(
        this.on('connection-state', (event) => {
          if (event.state === 'open') done();
          else if (event.state === 'closed')
            done(event.error ?? new AbortedError({ message: 'The session was closed.' }));
        }),
      );
      if (signal) {
        const onAbort = () => {
          done(new AbortedError({ message: 'connectRealtime was aborted.', cause: signal.reason }));
          void this.close(NORMAL_CLOSURE, 'aborted');
        };
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          cleanup.push(() => signal.removeEventListener('abort', onAbort));
        }
      }
    });
  }

  /**
   * Adds a listener for one event type: a server event (`response.output_text.delta`, `error`, ...), a session
   * event (`connection-state`, `response-interrupted`, `tool-result`, `raw-event`), an unknown type (delivered as
   * raw events) or `*` for everything. Returns a function that removes it.
   */
  on<T extends RealtimeSessionEventType | '*' | (string & {})>(type: T, handler: Handler<T>): () => void {
    return this.#hub.on(type, handler as (event: RealtimeSessionEvent) => void);
  }

  /** Removes a listener added with `on`. */
  off<T extends RealtimeSessionEventType | '*' | (string & {})>(type: T, handler: Handler<T>): void {
    this.#hub.off(type, handler as (event: RealtimeSessionEvent) => void);
  }

  /** The next event of `type` (optionally passing `filter`); rejects if the session closes or `signal` aborts. */
  waitFor<T extends RealtimeSessionEventType | '*' | (string & {})>(
    type: T,
    options: WaitForOptions<RealtimeEventOf<T>> = {},
  ): Promise<RealtimeEventOf<T>> {
    const { filter, signal } = options;
    return new Promise((resolve, reject) => {
      if (this.#connection.state === 'closed') {
        reject(this.#connection.closedError());
        return;
      }
      const cleanup = () => {
        offEvent();
        offState();
        signal?.removeEventListener('abort', onAbort);
      };
      const offEvent = this.on(type, (event) => {
        if (filter && !filter(event)) return;
        cleanup();
        resolve(event);
      });
      const offState = this.on('connection-state', (event) => {
        if (event.state !== 'closed') return;
        cleanup();
        reject(this.#connection.closedError());
      });
      const onAbort = () => {
        cleanup();
        reject(new AbortedError({ message: `Stopped waiting for ${type}.`, cause: signal?.reason }));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Iterates every event from now on (the first iterator also gets the events that arrived before it). */
  [Symbol.asyncIterator](): AsyncIterator<RealtimeSessionEvent> {
    return this.#hub.iterate();
  }

  /**
   * Sends a client event and returns its `event_id` (filled in when missing). While the connection is down the event
   * is queued and delivered, in order, once it is restored; throws QueueFullError when the queue bound is hit, and
   * AbortedError once the session is closed.
   */
  send(event: RealtimeClientEvent): string {
    return this.#sendAll([event])[0] as string;
  }

  /** Sends a `session.update`; the change is also kept for every later reconnect. */
  updateSession(session: RealtimeSessionConfig): string {
    return this.send({ type: 'session.update', session: { type: 'realtime', ...session } });
  }

  /**
   * Adds a user message and asks for a response. The reply is awaitable (the assembled text) and offers the deltas
   * as `textStream`; tool calls on the way are answered by the `tools` handlers and the reply follows on.
   */
  sendText(text: string, options: ReplyOptions = {}): RealtimeReply {
    const item: RealtimeClientEvent = {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
    };
    return this.#replies.create(options, [item]);
  }

  /** Asks for a response to the conversation so far (e.g. after `commitAudio()`), as a reply. */
  createResponse(options: ReplyOptions = {}): RealtimeReply {
    return this.#replies.create(options, []);
  }

  /**
   * Appends PCM16 audio (samples or little-endian bytes) to the input buffer, base64-encoded, in chunks of at most
   * `chunkBytes` (default 32 KiB). Returns the number of events sent.
   */
  appendAudio(audio: Pcm16Input, options: { chunkBytes?: number } = {}): number {
    const chunks = chunkPcm16(pcm16Bytes(audio), options.chunkBytes);
    this.#sendAll(chunks.map((chunk) => ({ type: 'input_audio_buffer.append', audio: toBase64(chunk) })));
    return chunks.length;
  }

  /** Commits the input audio buffer as a user message. */
  commitAudio(): string {
    return this.send({ type: 'input_audio_buffer.commit' });
  }

  /** Clears the input audio buffer. */
  clearAudio(): string {
    return this.send({ type: 'input_audio_buffer.clear' });
  }

  /** Cancels the response in progress (or the one named). */
  cancelResponse(responseId?: string): string {
    return this.send(responseId ? { type: 'response.cancel', response_id: responseId } : { type: 'response.cancel' });
  }

  /**
   * Closes the session: a closing handshake with `code` (default 1000), no reconnection, queued events dropped,
   * pending replies rejected with AbortedError, every timer and socket released. Resolves when it is all done.
   */
  async close(code = NORMAL_CLOSURE, reason = ''): Promise<void> {
    this.#connection.close(code, reason);
    await this.closed;
  }

  /** What `util.inspect` shows: provider, model and state, never the connection's headers. */
  [INSPECT](): string {
    return `RealtimeSession { provider: '${this.provider}', model: '${this.model}', state: '${this.#connection.state}' }`;
  }

  /** @internal The model id or deployment the provider resolved (for tests and logs). */
  get resolvedModel(): string | undefined {
    return this.#connection.resolvedModel;
  }

  /** Sends events as one unit (see Delivery.send); a `session.update` also joins the replayed configuration. */
  #sendAll(events: RealtimeClientEvent[]): string[] {
    if (this.#connection.state === 'closed') throw this.#connection.closedError();
    return this.#delivery.send(events, this.#connection.state === 'open');
  }

  #emitLocal(event: RealtimeLocalEvent): void {
    if (this.#connection.state !== 'closed') this.#hub.emit(event);
  }

  /** How the connection's steps reach the other parts, in the order it takes them. */
  #connectionHost(): ConnectionHost {
    return {
      emitState: (event) => this.#hub.emit(event),
      opened: (first) => {
        if (first) this.#inbound.holdFirst();
        this.#delivery.flush();
        this.#replies.opened();
      },
      message: (text) => this.#inbound.receive(text),
      binary: (size) => this.#inbound.receiveBinary(size),
      pong: (payload) => this.#delivery.confirm(payload),
      ping: () => this.#delivery.ping(),
      releaseHeld: () => this.#inbound.release(),
      dropped: (closeCode, failure, interrupted) => {
        this.#delivery.requeueUnconfirmed();
        if (interrupted) this.#replies.interrupt(closeCode, failure, (eventId) => this.#delivery.isQueued(eventId));
      },
      discardHeld: () => this.#inbound.discard(),
      discardOutgoing: () => this.#delivery.clear(),
      failReplies: (error) => this.#replies.failAll(error),
      end: () => this.#hub.end(),
    };
  }
}
