import {
  AbortedError,
  type RealtimeEndpoint,
  type SwitchboardError,
  TimeoutError,
  toSwitchboardError,
} from '@switchboard/core';
import { ReconnectFailedError } from '../errors/reconnect-failed-error.js';
import type { ConnectionState, ConnectionStateEvent } from '../events/local-events.js';
import { Heartbeat } from '../heartbeat.js';
import { assertSafeUrl } from '../internal/safe-url.js';
import type { ResolvedOptions } from '../options.js';
import { backoffDelay } from '../reconnect/backoff.js';
import { classifyDrop } from '../reconnect/classify-drop.js';
import type { RealtimeTransport, TransportClose, TransportFactory } from '../transport/transport.js';
import type { ConnectionHost } from './connection-host.js';
import type { RealtimeCloseInfo } from './session-types.js';

const CLOSE_HANDSHAKE_MS = 2000;

/**
 * The connection lifecycle: `connecting` → `open` ⇄ `reconnecting` → `closed`. Resolves the endpoint, opens a
 * socket through the transport, watches it with the heartbeat, reconnects with backoff after retryable drops, and
 * ends the session (once) on a user close, a final error or exhausted attempts. Every callback carries the
 * generation of its socket, so events from a socket that was already replaced are ignored.
 */
export class Connection {
  /** Resolves (never rejects) when the session has closed. */
  readonly closed: Promise<RealtimeCloseInfo>;

  readonly #endpoint: RealtimeEndpoint;
  readonly #options: ResolvedOptions;
  readonly #provider: string;
  readonly #model: string;
  readonly #transportFactory: TransportFactory;
  readonly #host: ConnectionHost;
  readonly #heartbeat: Heartbeat | undefined;
  readonly #lifetime = new AbortController();

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
  #resolvedModel: string | undefined;

  constructor(endpoint: RealtimeEndpoint, options: ResolvedOptions, transport: TransportFactory, host: ConnectionHost) {
    this.#endpoint = endpoint;
    this.#options = options;
    this.#provider = endpoint.provider;
    this.#model = options.model;
    this.#host = host;
    this.#transportFactory = transport;
    if (options.heartbeat) {
      this.#heartbeat = new Heartbeat(
        options.heartbeat,
        () => host.ping(),
        (silentMs) => this.#onDead(silentMs),
      );
    }
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
  }

  /** The connection state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** The current socket, while there is one. */
  get transport(): RealtimeTransport | undefined {
    return this.#transport;
  }

  /** Connections that opened. */
  get connections(): number {
    return this.#connections;
  }

  /** How the session ended, once it has. */
  get closeInfo(): RealtimeCloseInfo | undefined {
    return this.#closeInfo;
  }

  /** The model id or deployment the provider resolved. */
  get resolvedModel(): string | undefined {
    return this.#resolvedModel;
  }

  /** Aborted when the session closes. */
  get signal(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** Starts the first connection attempt. */
  start(): void {
    void this.#connect();
  }

  /** Starts closing with `code` (no reconnection); `closed` resolves when it is done. */
  close(code: number, reason: string): void {
    if (this.#state === 'closed' || this.#closing) return;
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

  /** The error for using a closed session (its cause: why it ended). */
  closedError(): AbortedError {
    return new AbortedError({
      message: 'The realtime session is closed.',
      provider: this.#provider,
      cause: this.#closeInfo?.error,
    });
  }

  async #connect(): Promise<void> {
    const generation = ++this.#generation;
    let target: { url: string; headers: Record<string, string>; protocols?: string[] };
    try {
      const info = await this.#endpoint.resolve(this.#model, {
        signal: this.#lifetime.signal,
        auth: this.#transportFactory.canSendHeaders === false ? 'subprotocols' : 'headers',
      });
      if (this.#isStale(generation)) return;
      this.#resolvedModel = info.model;
      target = { url: assertSafeUrl(info.url), headers: info.headers, protocols: info.protocols };
    } catch (error) {
      if (this.#isStale(generation)) return;
      this.#onClose(generation, { code: 1006, reason: '', error: toSwitchboardError(error, this.#provider) });
      return;
    }
    // Armed before the factory runs, so a transport that opens synchronously clears it rather than racing it.
    this.#connectTimer = setTimeout(() => {
      this.#connectTimer = undefined;
      this.#pendingFailure = new TimeoutError({
        phase: 'headers',
        timeoutMs: this.#options.connectTimeoutMs,
        message: `The realtime connection did not open within ${this.#options.connectTimeoutMs} ms.`,
        provider: this.#provider,
      });
      this.#transport?.terminate();
    }, this.#options.connectTimeoutMs);
    try {
      this.#transport = this.#transportFactory(
        { ...target, provider: this.#provider },
        {
          open: () => {
            if (generation === this.#generation) this.#onOpen();
          },
          message: (text) => {
            if (generation !== this.#generation) return;
            this.#heartbeat?.noteActivity();
            this.#host.message(text);
          },
          binary: (size) => {
            if (generation !== this.#generation) return;
            this.#heartbeat?.noteActivity();
            this.#host.binary(size);
          },
          pong: (payload) => {
            if (generation !== this.#generation) return;
            this.#heartbeat?.noteActivity();
            this.#host.pong(payload);
          },
          close: (info) => this.#onClose(generation, info),
        },
      );
    } catch (error) {
      this.#onClose(generation, { code: 1006, reason: '', error: toSwitchboardError(error, this.#provider) });
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
    this.#host.opened(this.#connections === 1);
    if (this.#transport?.canPing) this.#heartbeat?.start();
    this.#options.logger.info(
      { provider: this.#provider, model: this.#model, attempt: this.#attempt },
      'realtime open',
    );
    this.#host.emitState({ type: 'connection-state', state: 'open', previous, attempt: this.#attempt });
  }

  #onClose(generation: number, info: TransportClose): void {
    if (generation !== this.#generation) return;
    this.#host.releaseHeld();
    const wasOpen = this.#state === 'open';
    this.#transport = undefined;
    this.#clearConnectTimer();
    this.#heartbeat?.stop();
    const failure = this.#pendingFailure ?? info.error;
    this.#pendingFailure = undefined;
    this.#host.dropped(info.code, failure, wasOpen && !this.#closing);
    if (this.#state === 'closed') return;
    if (this.#closing) {
      this.#finish({ code: this.#closing.code, reason: this.#closing.reason });
      return;
    }
    if (wasOpen && this.#options.reconnect && Date.now() - this.#openedAt >= this.#options.reconnect.stableAfterMs) {
      this.#attempt = 0;
    }
    const outcome = classifyDrop(info, failure, wasOpen, this.#provider);
    if ('end' in outcome) this.#finish(outcome.end, outcome.pendingError);
    else this.#scheduleReconnect(outcome.retry, info.code, info.reason);
  }

  #scheduleReconnect(error: SwitchboardError, code: number, reason: string): void {
    const settings = this.#options.reconnect;
    if (!settings) {
      this.#finish({ code, reason, error });
      return;
    }
    if (this.#attempt >= settings.maxAttempts) {
      const failed = new ReconnectFailedError({ attempts: this.#attempt, lastError: error, provider: this.#provider });
      this.#finish({ code, reason, error: failed });
      return;
    }
    this.#attempt++;
    const delayMs = backoffDelay(this.#attempt, settings, error.retryAfterMs);
    const previous = this.#state;
    this.#state = 'reconnecting';
    this.#options.logger.warn(
      { provider: this.#provider, model: this.#model, attempt: this.#attempt, delayMs, code, error: error.message },
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
    this.#host.emitState(event);
    // A listener may have closed the session while the event was delivered.
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
    this.#host.discardHeld();
    this.#heartbeat?.stop();
    this.#transport?.terminate();
    this.#transport = undefined;
    this.#lifetime.abort();
    this.#host.discardOutgoing();
    this.#closeInfo = info;
    const failure =
      info.error ??
      pendingError ??
      new AbortedError({ message: 'The realtime session was closed.', provider: this.#provider });
    this.#host.failReplies(failure);
    this.#options.logger.info({ provider: this.#provider, model: this.#model, code: info.code }, 'realtime closed');
    const event: ConnectionStateEvent = {
      type: 'connection-state',
      state: 'closed',
      previous,
      attempt: this.#attempt,
      closeCode: info.code,
    };
    if (info.reason) event.closeReason = info.reason;
    if (info.error) event.error = info.error;
    this.#host.emitState(event);
    this.#host.end();
    this.#resolveClosed(info);
  }

  #clearConnectTimer(): void {
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
  }

  /** The heartbeat found the socket silent: fail it with a timeout, which is retryable like any drop. */
  #onDead(silentMs: number): void {
    this.#pendingFailure = new TimeoutError({
      phase: 'idle',
      timeoutMs: silentMs,
      message: `No pong or event from the realtime server for ${silentMs} ms; the connection is presumed dead.`,
      provider: this.#provider,
    });
    this.#transport?.terminate();
  }
}
