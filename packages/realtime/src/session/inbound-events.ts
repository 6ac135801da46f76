import type { EventHub } from '../events/event-hub.js';
import type { RealtimeSessionEvent } from '../events/local-events.js';
import { parseServerEvent } from '../events/parse-server-event.js';
import type { RawServerEvent } from '../events/raw-server-event.js';
import type { RealtimeServerSession } from '../events/server/shared-schemas.js';
import { type RealtimeServerEvent, schemasByType } from '../events/server-events.js';

/**
 * Frames from the server on their way to listeners: parsed, shown to the session's own observers (replies, the
 * server's view of the session) before any listener, then emitted. The first connection's early frames can be
 * held back for one macrotask (see `holdFirst`).
 */
export class InboundEvents {
  readonly #hub: EventHub<RealtimeSessionEvent>;
  readonly #observe: (event: RealtimeServerEvent) => void;
  #held: string[] | undefined;
  #holdTimer: ReturnType<typeof setTimeout> | undefined;
  #serverSession: RealtimeServerSession | undefined;

  constructor(hub: EventHub<RealtimeSessionEvent>, observe: (event: RealtimeServerEvent) => void) {
    this.#hub = hub;
    this.#observe = observe;
  }

  /** The session as the server last described it (`session.created` / `session.updated`). */
  get serverSession(): RealtimeServerSession | undefined {
    return this.#serverSession;
  }

  /**
   * The first connection opened. `await connectRealtime()` resumes a few microtasks after this; events that arrived
   * with the handshake wait one macrotask so that `on()` listeners added right after the await see
   * `session.created` too.
   */
  holdFirst(): void {
    this.#held = [];
    this.#holdTimer = setTimeout(this.release, 0);
  }

  /** A text frame arrived. */
  receive(text: string): void {
    if (this.#held) this.#held.push(text);
    else this.#dispatch(text);
  }

  /** A binary frame arrived: the Realtime API sends none, so it is reported as a raw event. */
  receiveBinary(size: number): void {
    const raw: RawServerEvent = {
      type: 'raw-event',
      eventType: '(binary)',
      event: {},
      issues: [`${size} bytes`],
    };
    this.#hub.emit(raw);
  }

  /** Delivers the held frames now (their hold ended or their connection closed). */
  readonly release = (): void => {
    this.#discardTimer();
    const held = this.#held;
    this.#held = undefined;
    if (held) for (const text of held) this.#dispatch(text);
  };

  /** Drops the held frames undelivered (the session closed). */
  discard(): void {
    this.#discardTimer();
    this.#held = undefined;
  }

  #discardTimer(): void {
    if (this.#holdTimer !== undefined) clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
  }

  #dispatch(text: string): void {
    const event = parseServerEvent(text);
    if (event.type === 'raw-event') {
      this.#hub.emit(event, schemasByType().has(event.eventType) ? undefined : event.eventType);
      return;
    }
    if (event.type === 'session.created' || event.type === 'session.updated') this.#serverSession = event.session;
    else this.#observe(event);
    this.#hub.emit(event);
  }
}
