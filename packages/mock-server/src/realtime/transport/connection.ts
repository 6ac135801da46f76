import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { realtimeId } from '../../vocabulary/ids.js';
import { isJsonObject, type JsonObject } from '../../vocabulary/json.js';
import { RealtimeSessionHandler } from '../protocol/client-events.js';
import { RealtimeClientEventError } from '../protocol/errors.js';
import type { RealtimeSessionState } from '../protocol/session.js';
import { expectString, required } from '../protocol/validate.js';
import type { ResponseHost } from '../replies/responses.js';
import type { RealtimeClientEventRecord, RealtimeConnectionInfo, RealtimeLatency } from '../types.js';
import type { DropSpec, RealtimeFaults } from './faults.js';
import type { RealtimeRateLimits } from './rate-limits.js';
import type { RealtimeTarget } from './upgrade.js';

/** What a connection shares with the controller that made it. */
export interface ConnectionDeps {
  faults: RealtimeFaults;
  rateLimits: RealtimeRateLimits;
  latency: () => RealtimeLatency;
  seed: number;
  maxLoggedEvents: number;
  onClose: (connection: RealtimeConnection) => void;
}

/** What identifies one accepted connection. */
export interface ConnectionInit {
  id: string;
  ws: WebSocket;
  /** The upgraded TCP socket under `ws`, corked per tick so a burst of events goes out in one write. */
  socket: Duplex;
  target: RealtimeTarget;
  credentialKey: string;
  session: RealtimeSessionState;
}

/** The mutable record behind a RealtimeConnectionInfo. */
type ConnectionRecord = RealtimeConnectionInfo & { clientEvents: RealtimeClientEventRecord[] };

/**
 * One accepted Realtime WebSocket: logs the client events, hands them to the session handler, answers pings,
 * and is where the faults act (drops, silence). Every timer it starts ends with it.
 */
export class RealtimeConnection implements ResponseHost {
  readonly info: ConnectionRecord;
  readonly conversationId = realtimeId('conv');
  readonly seed: number;
  readonly #ws: WebSocket;
  readonly #deps: ConnectionDeps;
  readonly #handler: RealtimeSessionHandler;
  readonly #rateLimitKey: string;
  readonly #socket: Duplex;
  #corked = false;

  constructor(init: ConnectionInit, deps: ConnectionDeps) {
    const { id, ws, target, session } = init;
    this.#ws = ws;
    this.#socket = init.socket;
    this.#deps = deps;
    this.seed = deps.seed;
    this.#rateLimitKey = `${init.credentialKey}\u0000${target.model}`;
    this.info = {
      id,
      route: target.route,
      model: target.model,
      ...(target.apiVersion ? { apiVersion: target.apiVersion } : {}),
      sessionId: session.id,
      openedAt: Date.now(),
      open: true,
      silent: false,
      clientEvents: [],
    };
    this.#handler = new RealtimeSessionHandler(session, this);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    // Pongs are sent by hand (autoPong is off) so that a silent connection can stop answering pings.
    ws.on('ping', (data) => {
      if (!this.info.silent) ws.pong(data);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', (code) => this.#onClose(code));
  }

  get firstDeltaMs(): number {
    return this.#deps.latency().firstDeltaMs;
  }

  get betweenDeltasMs(): number {
    return this.#deps.latency().betweenDeltasMs;
  }

  /** Sends `session.created`, unless the connection starts silent. */
  start(silent: boolean): void {
    if (silent) this.silence();
    this.send(this.#handler.sessionCreated());
  }

  /** Sends a server event with a fresh `event_id`; a no-op when the socket is closing or the connection is silent. */
  send(event: JsonObject): void {
    if (this.info.silent || this.#ws.readyState !== this.#ws.OPEN) return;
    if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
      process.nextTick(() => this.#flush());
    }
    this.#ws.send(JSON.stringify({ event_id: realtimeId('event'), ...event }));
  }

  /** Stops answering anything, pings included; the response in flight stops without a `response.done`. */
  silence(): void {
    this.info.silent = true;
    this.#handler.abortResponse();
  }

  /** Ends the connection: tears the socket down, or sends a close frame with the given code. */
  drop(spec: DropSpec): void {
    if (!this.info.open) return;
    this.#handler.abortResponse();
    // What was sent before the drop reaches the client, as it would from a server that dies after writing it.
    this.#flush();
    if (spec.mode === 'destroy') this.#ws.terminate();
    else if (spec.mode === 1005) this.#ws.close();
    else this.#ws.close(spec.mode, spec.reason);
  }

  pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        clearImmediate(immediate);
        reject(signal.reason);
      };
      const done = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const timer = ms > 0 ? setTimeout(done, ms) : undefined;
      const immediate = ms > 0 ? undefined : setImmediate(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  afterDelta(deltasSent: number): void {
    const drop = this.#deps.faults.onResponseProgress(this.info.id, deltasSent, false);
    if (drop) this.drop(drop);
  }

  beforeResponseDone(): void {
    const drop = this.#deps.faults.onResponseProgress(this.info.id, 0, true);
    if (drop) this.drop(drop);
  }

  afterResponseDone(totalTokens: number): void {
    this.send({
      type: 'rate_limits.updated',
      rate_limits: this.#deps.rateLimits.consume(this.#rateLimitKey, totalTokens),
    });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    // With ws's default binaryType every frame arrives as one Buffer, text or binary alike.
    const text = (data as Buffer).toString('utf8');
    let parsed: unknown;
    let parseError: string | undefined;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      parseError = (error as Error).message;
    }
    const valid = isJsonObject(parsed) && typeof parsed.type === 'string';
    const record: RealtimeClientEventRecord = {
      connectionId: this.info.id,
      receivedAt: Date.now(),
      type: valid ? ((parsed as JsonObject).type as string) : '(invalid)',
      event: parseError === undefined ? parsed : text,
      handled: false,
    };
    this.info.clientEvents.push(record);
    if (this.info.clientEvents.length > this.#deps.maxLoggedEvents) this.info.clientEvents.shift();
    const drop = this.#deps.faults.onClientEvent(this.info.id);
    if (drop) {
      this.drop(drop);
      return;
    }
    if (this.info.silent) return;
    record.handled = true;
    const eventId = isJsonObject(parsed) && typeof parsed.event_id === 'string' ? parsed.event_id : null;
    try {
      if (parseError !== undefined) {
        const kind = isBinary ? 'a binary frame' : 'the event';
        throw new RealtimeClientEventError(`Invalid JSON in ${kind}: ${parseError}`, 'invalid_json');
      }
      if (!isJsonObject(parsed)) {
        throw new RealtimeClientEventError('The event must be a JSON object.', 'invalid_type');
      }
      expectString(required(parsed, 'type', ''), 'type');
      this.#handler.handle(parsed);
    } catch (error) {
      // Whatever a client sends, the answer is an error event, never a crashed server.
      const body =
        error instanceof RealtimeClientEventError
          ? error.toBody(eventId)
          : {
              type: 'server_error',
              code: null,
              message: 'The server had an error while processing your request.',
              param: null,
              event_id: eventId,
            };
      this.send({ type: 'error', error: body });
    }
  }

  #flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket.uncork();
  }

  #onClose(code: number): void {
    this.info.open = false;
    this.info.closedAt = Date.now();
    this.info.closeCode = code;
    this.#handler.abortResponse();
    this.#deps.onClose(this);
  }
}
