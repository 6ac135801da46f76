import {
  AbortedError,
  NetworkError,
  type RealtimeEndpoint,
  type SwitchboardError,
  TimeoutError,
  toSwitchboardError,
} from '@switchboard/core';
import { mapServerError } from './errors/map-server-error.js';
import { ReconnectFailedError } from './errors/reconnect-failed-error.js';
import { ResponseInterruptedError } from './errors/response-interrupted-error.js';
import type { RealtimeClientEvent, RealtimeResponseParams } from './events/client-events.js';
import { EventHub } from './events/event-hub.js';
import type {
  ConnectionState,
  ConnectionStateEvent,
  RealtimeEventOf,
  RealtimeLocalEvent,
  RealtimeSessionEvent,
  RealtimeSessionEventType,
} from './events/local-events.js';
import { parseServerEvent } from './events/parse-server-event.js';
import type { RawServerEvent } from './events/raw-server-event.js';
import type { RealtimeServerSession } from './events/server/shared-schemas.js';
import { type RealtimeServerEvent, schemasByType } from './events/server-events.js';
import type { RealtimeSessionConfig } from './events/session-config.js';
import { Heartbeat } from './heartbeat.js';
import { toBase64 } from './helpers/base64.js';
import { chunkPcm16, type Pcm16Input, pcm16Bytes } from './helpers/pcm16.js';
import { RealtimeReply, ReplySink } from './helpers/realtime-reply.js';
import { REQUEST_METADATA_KEY, ResponseTracker } from './helpers/response-tracker.js';
import { ToolRunner } from './helpers/tool-runner.js';
import { byteLength } from './internal/byte-length.js';
import { assertSafeUrl } from './internal/safe-url.js';
import type { ResolvedOptions } from './options.js';
import { backoffDelay } from './reconnect/backoff.js';
import { describeCloseCode, isReconnectableClose, NORMAL_CLOSURE } from './reconnect/close-codes.js';
import { Outbox, type OutboxEntry } from './reconnect/outbox.js';
import { SessionConfigStore } from './reconnect/session-config-store.js';
import { selectTransport } from './transport/select-transport.js';
import type { RealtimeTransport, TransportClose, TransportFactory } from './transport/transport.js';

/** How the session ended. */
export interface RealtimeCloseInfo {
  /** The close code of the last connection (1000 for a normal close). */
  code: number;
  /** Its close reason. */
  reason: string;
  /** Why the session ended, when it was not closed normally. */
  error?: SwitchboardError;
}

/** Counters for monitoring and tests. */
export interface RealtimeSessionStats {
  /** Connections that opened. */
  connections: number;
  /** Connections that opened after a drop. */
  reconnects: number;
  /** Events waiting for a connection. */
  queuedEvents: number;
  /** Their size in bytes. */
  queuedBytes: number;
  /** Events written to the current socket whose delivery is not yet confirmed. */
  unconfirmedEvents: number;
}

/** Options of `sendText` and `createResponse`. */
export interface ReplyOptions {
  /** Overrides of the session settings for this response (`output_modalities`, `instructions`, ...). */
  response?: RealtimeResponseParams;
  /** Aborting cancels the response and rejects the reply with AbortedError. */
  signal?: AbortSignal;
}

/** Options of `waitFor`. */
export interface WaitForOptions<E> {
  /** Only an event that passes this test. */
  filter?: (event: E) => boolean;
  /** Rejects with AbortedError when aborted. */
  signal?: AbortSignal;
}

const CLOSE_HANDSHAKE_MS = 2000;
const PING_BYTES = 4;
const MAX_PENDING_PINGS = 1024;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Handler<T extends string> = (event: RealtimeEventOf<T>) => void | Promise<void>;

/**
 * A Realtime API session that survives dropped connections. Create it with `connectRealtime`. Consume events with
 * `for await (const event of session)` or `session.on(type, handler)`; send with `send` or the helpers. States:
 * `connecting` → `open` ⇄ `reconnecting` → `closed`, each change announced by a `connection-state` event.
 */
export class RealtimeSession implements AsyncIterable<RealtimeSessionEvent> {
  /** The provider name. */
  readonly provider: string;
  /** The logical model. */
  readonly model: string;
  /** Resolves (never rejects) when the session has closed. */
  readonly closed: Promise<RealtimeCloseInfo>;

  readonly #endpoint: RealtimeEndpoint;
  readonly #options: ResolvedOptions;
  readonly #transportFactory: TransportFactory;
  readonly #hub: EventHub<RealtimeSessionEvent>;
  readonly #outbox: Outbox;
  readonly #config = new SessionConfigStore();
  readonly #tracker = new ResponseTracker();
  readonly #tools: ToolRunner;
  readonly #heartbeat: Heartbeat | undefined;
  readonly #lifetime = new AbortController();
  readonly #eventPrefix = `evt_sb${Math.random().toString(36).slice(2, 8)}_`;
  #eventCounter = 0;
  #requestCounter = 0;

  #state: ConnectionState = 'connecting';
  #transport: RealtimeTransport | undefined;
  #generation = 0;
  #attempt = 0;
  #openedAt = 0;
  #connections = 0;
  #pendingFailure: SwitchboardError | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  #closing: { code: number; reason: string } | undefined;
  #closeInfo: RealtimeCloseInfo | undefined;
  #resolveClosed!: (info: RealtimeCloseInfo) => void;
  #serverSession: RealtimeServerSession | undefined;
  #resolvedModel: string | undefined;

  #pingId = 0;
  #pings: { id: number; seq: number }[] = [];
  #held: string[] | undefined;
  #holdTimer: ReturnType<typeof setTimeout> | undefined;

  /** @internal Use `connectRealtime`. */
  constructor(endpoint: RealtimeEndpoint, options: ResolvedOptions) {
    this.#endpoint = endpoint;
    this.#options = options;
    this.provider = endpoint.provider;
    this.model = options.model;
    this.#transportFactory = selectTransport(options.transport);
    this.#hub = new EventHub(options.onListenerError);
    this.#outbox = new Outbox(options.maxQueueBytes, endpoint.provider);
    this.#tools = new ToolRunner(options.tools, {
      respond: (outputs, sink) => this.#continueAfterTools(outputs, sink),
      emit: (event) => this.#emitLocal(event),
      signal: this.#lifetime.signal,
    });
    const toolDefinitions = this.#tools.definitions();
    if (options.session || toolDefinitions.length > 0) {
      const session = { ...options.session };
      if (toolDefinitions.length > 0) session.tools = [...(session.tools ?? []), ...toolDefinitions];
      this.#config.merge(session);
    }
    if (options.heartbeat) {
      this.#heartbeat = new Heartbeat(
        options.heartbeat,
        () => this.#ping(),
        (silentMs) => this.#onDead(silentMs),
      );
    }
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
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
    return this.#state;
  }

  /** The session as the server last described it (`session.created` / `session.updated`). */
  get serverSession(): RealtimeServerSession | undefined {
    return this.#serverSession;
  }

  /** The configuration applied on every (re)connect: all `session.update`s merged. */
  get sessionConfig(): RealtimeSessionConfig | undefined {
    return this.#config.current();
  }

  /** How the session ended, once it has. */
  get closeInfo(): RealtimeCloseInfo | undefined {
    return this.#closeInfo;
  }

  /** Counters for monitoring. */
  get stats(): RealtimeSessionStats {
    return {
      connections: this.#connections,
      reconnects: Math.max(0, this.#connections - 1),
      queuedEvents: this.#outbox.queuedCount,
      queuedBytes: this.#outbox.queuedBytes,
      unconfirmedEvents: this.#outbox.unsettledCount,
    };
  }

  /** @internal Starts the first connection attempt. */
  start(): void {
    void this.#connect();
  }

  /** @internal Resolves when the first connection opens; rejects if the session closes first. */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.#state === 'open' || this.#connections > 0) return Promise.resolve();
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
      if (this.#state === 'closed') {
        reject(this.#closedError());
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
        reject(this.#closedError());
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
    return this.#createReply(options, [item]);
  }

  /** Asks for a response to the conversation so far (e.g. after `commitAudio()`), as a reply. */
  createResponse(options: ReplyOptions = {}): RealtimeReply {
    return this.#createReply(options, []);
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
    if (this.#state !== 'closed' && !this.#closing) {
      this.#closing = { code, reason };
      const transport = this.#transport;
      if (transport && this.#state === 'open') {
        this.#closeTimer = setTimeout(() => transport.terminate(), CLOSE_HANDSHAKE_MS);
        transport.close(code, reason);
      } else if (transport) {
        transport.terminate();
      } else {
        this.#finish({ code, reason });
      }
    }
    await this.closed;
  }

  /** What `util.inspect` shows: provider, model and state, never the connection's headers. */
  [INSPECT](): string {
    return `RealtimeSession { provider: '${this.provider}', model: '${this.model}', state: '${this.#state}' }`;
  }

  // ── connection lifecycle ──────────────────────────────────────────────────────────────────────────────────────

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    let target: { url: string; headers: Record<string, string>; protocols?: string[] };
    try {
      const info = await this.#endpoint.resolve(this.model, { signal: this.#lifetime.signal });
      if (this.#isStale(generation)) return;
      this.#resolvedModel = info.model;
      target = { url: assertSafeUrl(info.url), headers: info.headers, protocols: info.protocols };
    } catch (error) {
      if (this.#isStale(generation)) return;
      this.#onClose(generation, { code: 1006, reason: '', error: toSwitchboardError(error, this.provider) });
      return;
    }
    // Armed before the factory runs, so a transport that opens synchronously clears it rather than racing it.
    this.#connectTimer = setTimeout(() => {
      this.#connectTimer = undefined;
      this.#pendingFailure = new TimeoutError({
        phase: 'headers',
        timeoutMs: this.#options.connectTimeoutMs,
        message: `The realtime connection did not open within ${this.#options.connectTimeoutMs} ms.`,
        provider: this.provider,
      });
      this.#transport?.terminate();
    }, this.#options.connectTimeoutMs);
    try {
      this.#transport = this.#transportFactory(
        { ...target, provider: this.provider },
        {
          open: () => {
            if (generation === this.#generation) this.#onOpen();
          },
          message: (text) => {
            if (generation === this.#generation) this.#onMessage(text);
          },
          binary: (size) => {
            if (generation !== this.#generation) return;
            this.#heartbeat?.noteActivity();
            const raw: RawServerEvent = {
              type: 'raw-event',
              eventType: '(binary)',
              event: {},
              issues: [`${size} bytes`],
            };
            this.#hub.emit(raw);
          },
          pong: (payload) => {
            if (generation === this.#generation) this.#onPong(payload);
          },
          close: (info) => this.#onClose(generation, info),
        },
      );
    } catch (error) {
      this.#onClose(generation, { code: 1006, reason: '', error: toSwitchboardError(error, this.provider) });
      return;
    }
  }

  #isStale(generation: number): boolean {
    return generation !== this.#generation || this.#state === 'closed';
  }

  #onOpen(): void {
    this.#clearConnectTimer();
    const previous = this.#state;
    this.#state = 'open';
    this.#openedAt = Date.now();
    this.#connections++;
    if (this.#connections === 1) {
      // `await connectRealtime()` resumes a few microtasks after this; events that arrived with the handshake wait
      // one macrotask so that `on()` listeners added right after the await see `session.created` too.
      this.#held = [];
      this.#holdTimer = setTimeout(this.#releaseHeld, 0);
    }
    const replay = this.#config.current();
    if (replay) this.#write(this.#entry({ type: 'session.update', session: replay }));
    for (const entry of this.#outbox.takeQueued()) this.#write(entry);
    if (this.#transport?.canPing) this.#heartbeat?.start();
    this.#options.logger.info({ provider: this.provider, model: this.model, attempt: this.#attempt }, 'realtime open');
    this.#emitState({ type: 'connection-state', state: 'open', previous, attempt: this.#attempt });
  }

  #onClose(generation: number, info: TransportClose): void {
    if (generation !== this.#generation) return;
    this.#releaseHeld();
    const wasOpen = this.#state === 'open';
    this.#transport = undefined;
    this.#clearConnectTimer();
    this.#heartbeat?.stop();
    this.#pings = [];
    const failure = this.#pendingFailure ?? info.error;
    this.#pendingFailure = undefined;
    this.#outbox.requeueUnsettled((entry) => entry.type !== 'session.update');
    if (wasOpen && !this.#closing) this.#interruptResponses(info.code, failure);
    if (this.#state === 'closed') return;
    if (this.#closing) {
      this.#finish({ code: this.#closing.code, reason: this.#closing.reason });
      return;
    }
    const { code, reason } = info;
    if (wasOpen) {
      if (this.#options.reconnect && Date.now() - this.#openedAt >= this.#options.reconnect.stableAfterMs) {
        this.#attempt = 0;
      }
      if (!failure && code === NORMAL_CLOSURE) {
        const ended = new NetworkError({
          message: `The realtime server ended the session (${describeCloseCode(code)}).`,
          provider: this.provider,
          retryable: false,
        });
        this.#finish({ code, reason }, ended);
        return;
      }
      if (!failure && !isReconnectableClose(code)) {
        const error = new NetworkError({
          message: `The realtime server closed the connection with ${describeCloseCode(code)}${reason ? `: ${reason}` : ''}.`,
          provider: this.provider,
          retryable: false,
        });
        this.#finish({ code, reason, error });
        return;
      }
    }
    const error =
      failure ??
      new NetworkError({
        message: `The realtime connection closed with ${describeCloseCode(code)}${reason ? `: ${reason}` : ''}.`,
        provider: this.provider,
      });
    if (!error.retryable) {
      this.#finish({ code, reason, error });
      return;
    }
    this.#scheduleReconnect(error, code, reason);
  }

  #scheduleReconnect(error: SwitchboardError, code: number, reason: string): void {
    const settings = this.#options.reconnect;
    if (!settings) {
      this.#finish({ code, reason, error });
      return;
    }
    if (this.#attempt >= settings.maxAttempts) {
      const failed = new ReconnectFailedError({ attempts: this.#attempt, lastError: error, provider: this.provider });
      this.#finish({ code, reason, error: failed });
      return;
    }
    this.#attempt++;
    const delayMs = backoffDelay(this.#attempt, settings, error.retryAfterMs);
    const previous = this.#state;
    this.#state = 'reconnecting';
    this.#options.logger.warn(
      { provider: this.provider, model: this.model, attempt: this.#attempt, delayMs, code, error: error.message },
      'realtime reconnecting',
    );
    const event: ConnectionStateEvent = {
      type: 'connection-state',
      state: 'reconnecting',
      previous,
      attempt: this.#attempt,
      delayMs,
      closeCode: code,
      error,
    };
    if (reason) event.closeReason = reason;
    this.#emitState(event);
    if (this.#state !== 'reconnecting') return;
    if (delayMs === 0) {
      void this.#connect();
      return;
    }
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#connect();
    }, delayMs);
  }

  /** Ends the session; waiting replies fail with `info.error`, else `pendingError`, else AbortedError (a user close). */
  #finish(info: RealtimeCloseInfo, pendingError?: SwitchboardError): void {
    if (this.#state === 'closed') return;
    const previous = this.#state;
    this.#state = 'closed';
    this.#generation++;
    this.#clearConnectTimer();
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
    if (this.#closeTimer !== undefined) clearTimeout(this.#closeTimer);
    this.#retryTimer = undefined;
    this.#closeTimer = undefined;
    if (this.#holdTimer !== undefined) clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    this.#held = undefined;
    this.#heartbeat?.stop();
    this.#transport?.terminate();
    this.#transport = undefined;
    this.#lifetime.abort();
    this.#outbox.clear();
    this.#closeInfo = info;
    const failure =
      info.error ??
      pendingError ??
      new AbortedError({ message: 'The realtime session was closed.', provider: this.provider });
    for (const sink of this.#tracker.liveSinks()) sink.fail(failure);
    this.#options.logger.info({ provider: this.provider, model: this.model, code: info.code }, 'realtime closed');
    const event: ConnectionStateEvent = {
      type: 'connection-state',
      state: 'closed',
      previous,
      attempt: this.#attempt,
      closeCode: info.code,
    };
    if (info.reason) event.closeReason = info.reason;
    if (info.error) event.error = info.error;
    this.#emitState(event);
    this.#hub.end();
    this.#resolveClosed(info);
  }

  #clearConnectTimer(): void {
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
  }

  #onDead(silentMs: number): void {
    this.#pendingFailure = new TimeoutError({
      phase: 'idle',
      timeoutMs: silentMs,
      message: `No pong or event from the realtime server for ${silentMs} ms; the connection is presumed dead.`,
      provider: this.provider,
    });
    this.#transport?.terminate();
  }

  #interruptResponses(closeCode: number, cause: SwitchboardError | undefined): void {
    for (const { responseId, sink } of this.#tracker.interrupt((eventId) => this.#outbox.isQueued(eventId))) {
      const error = new ResponseInterruptedError({ responseId, closeCode, provider: this.provider, cause });
      sink?.fail(error);
      this.#emitLocal(
        responseId ? { type: 'response-interrupted', responseId, error } : { type: 'response-interrupted', error },
      );
    }
  }

  // ── sending ───────────────────────────────────────────────────────────────────────────────────────────────────

  #nextEventId(): string {
    return `${this.#eventPrefix}${(++this.#eventCounter).toString(36)}`;
  }

  #entry(event: RealtimeClientEvent): OutboxEntry {
    const eventId = this.#nextEventId();
    const data = JSON.stringify({ ...event, event_id: eventId });
    return { eventId, type: event.type, data, bytes: byteLength(data), seq: 0 };
  }

  #write(entry: OutboxEntry): void {
    const transport = this.#transport;
    if (!transport?.send(entry.data)) {
      // The socket is going away and its close event is on the way: keep the event for the next connection.
      this.#outbox.recordSent(entry, true);
      return;
    }
    this.#outbox.recordSent(entry, transport.canPing);
    // A ping right behind every event: the server answers pings in order, so its pong proves this event (and all
    // before it) arrived. Events whose pong is missing when the socket drops are sent again on the next one.
    if (transport.canPing) this.#ping();
  }

  #ping(): void {
    const transport = this.#transport;
    if (!transport?.canPing) return;
    const id = ++this.#pingId;
    const payload = new Uint8Array(PING_BYTES);
    new DataView(payload.buffer).setUint32(0, id);
    this.#pings.push({ id, seq: this.#outbox.lastSeq });
    // Only the latest pings matter: a later pong confirms everything before it.
    if (this.#pings.length > MAX_PENDING_PINGS) this.#pings.shift();
    transport.ping(payload);
  }

  #onPong(payload: Uint8Array): void {
    this.#heartbeat?.noteActivity();
    if (payload.byteLength !== PING_BYTES) return;
    const id = new DataView(payload.buffer, payload.byteOffset, PING_BYTES).getUint32(0);
    let seq = 0;
    while (this.#pings.length > 0 && (this.#pings[0] as { id: number }).id <= id) {
      seq = (this.#pings.shift() as { seq: number }).seq;
    }
    if (seq > 0) this.#outbox.settleThrough(seq);
  }

  /**
   * Sends events as one unit: all written, or (while disconnected) all queued or none, so a helper never leaves
   * half of its events behind when the queue is full.
   */
  #sendAll(events: RealtimeClientEvent[]): string[] {
    if (this.#state === 'closed') throw this.#closedError();
    const entries = events.map((event) => {
      const eventId = event.event_id ?? this.#nextEventId();
      const data = JSON.stringify(event.event_id === undefined ? { ...event, event_id: eventId } : event);
      return { eventId, type: event.type, data, bytes: byteLength(data), seq: 0 } satisfies OutboxEntry;
    });
    if (this.#state === 'open') for (const entry of entries) this.#write(entry);
    // While disconnected an update only joins the configuration that is replayed first on the next connection.
    else this.#outbox.enqueueAll(entries.filter((entry) => entry.type !== 'session.update'));
    for (const event of events) if (event.type === 'session.update') this.#config.merge(event.session);
    return entries.map((entry) => entry.eventId);
  }

  #createReply(options: ReplyOptions, before: RealtimeClientEvent[]): RealtimeReply {
    const sink = new ReplySink(this.#tracker.forget);
    const { event, requestId } = this.#responseCreate(options.response);
    let eventIds: string[];
    try {
      eventIds = this.#sendAll([...before, event]);
    } catch (error) {
      sink.fail(error);
      throw error;
    }
    this.#tracker.register(sink, requestId, eventIds.at(-1) as string);
    for (const eventId of eventIds.slice(0, -1)) this.#tracker.watchEvent(sink, eventId);
    return new RealtimeReply(
      sink,
      () => {
        sink.cancelRequested = true;
        if (sink.responseId !== undefined && this.#state !== 'closed') this.cancelResponse(sink.responseId);
      },
      options.signal,
    );
  }

  /** Tool outputs and the response that follows them, sent as one unit. */
  #continueAfterTools(outputs: RealtimeClientEvent[], sink: ReplySink | undefined): void {
    const { event, requestId } = this.#responseCreate(undefined);
    const eventIds = this.#sendAll([...outputs, event]);
    if (sink) this.#tracker.register(sink, requestId, eventIds.at(-1) as string);
  }

  /** A `response.create` whose metadata carries a request id, so its `response.created` can be recognised. */
  #responseCreate(params: RealtimeResponseParams | undefined): { event: RealtimeClientEvent; requestId: string } {
    const requestId = `req_${(++this.#requestCounter).toString(36)}`;
    const response: RealtimeResponseParams = {
      ...params,
      metadata: { ...params?.metadata, [REQUEST_METADATA_KEY]: requestId },
    };
    return { event: { type: 'response.create', response }, requestId };
  }

  // ── receiving ─────────────────────────────────────────────────────────────────────────────────────────────────

  #onMessage(text: string): void {
    this.#heartbeat?.noteActivity();
    if (this.#held) this.#held.push(text);
    else this.#dispatch(text);
  }

  readonly #releaseHeld = (): void => {
    if (this.#holdTimer !== undefined) clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    const held = this.#held;
    this.#held = undefined;
    if (held) for (const text of held) this.#dispatch(text);
  };

  #dispatch(text: string): void {
    const event = parseServerEvent(text);
    if (event.type === 'raw-event') {
      this.#hub.emit(event, schemasByType().has(event.eventType) ? undefined : event.eventType);
      return;
    }
    this.#observe(event);
    this.#hub.emit(event);
  }

  #observe(event: RealtimeServerEvent): void {
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.output_audio_transcript.delta':
        this.#tracker.sinkFor(event.response_id)?.text.push(event.delta);
        return;
      case 'response.output_audio.delta':
        this.#tracker.sinkFor(event.response_id)?.audio.push(event.delta);
        return;
      case 'response.created': {
        const sink = this.#tracker.created(event.response);
        if (sink?.cancelRequested && this.#state !== 'closed') this.cancelResponse(event.response.id);
        return;
      }
      case 'response.done': {
        const sink = this.#tracker.done(event.response);
        const continues = this.#tools.handle(event.response, sink);
        if (!sink) return;
        if (continues) sink.addResponse(event.response);
        else if (event.response.status === 'failed') {
          sink.fail(mapServerError(event.response.status_details?.error ?? {}, this.provider));
        } else sink.complete(event.response);
        return;
      }
      case 'error':
        this.#tracker.errorFor(event.error)?.fail(mapServerError(event.error, this.provider));
        return;
      case 'session.created':
      case 'session.updated':
        this.#serverSession = event.session;
        return;
      default:
        return;
    }
  }

  #emitState(event: ConnectionStateEvent): void {
    this.#hub.emit(event);
  }

  #emitLocal(event: RealtimeLocalEvent): void {
    if (this.#state !== 'closed') this.#hub.emit(event);
  }

  #closedError(): AbortedError {
    return new AbortedError({
      message: 'The realtime session is closed.',
      provider: this.provider,
      cause: this.#closeInfo?.error,
    });
  }

  /** @internal The model id or deployment the provider resolved (for tests and logs). */
  get resolvedModel(): string | undefined {
    return this.#resolvedModel;
  }
}
