import type { RealtimeClientEvent } from '../events/client-events.js';
import type { RealtimeSessionConfig } from '../events/session-config.js';
import { byteLength } from '../internal/byte-length.js';
import { Outbox, type OutboxEntry } from '../reconnect/outbox.js';
import { SessionConfigStore } from '../reconnect/session-config-store.js';
import type { RealtimeTransport } from '../transport/transport.js';

const PING_BYTES = 4;
const MAX_PENDING_PINGS = 1024;

/**
 * Client events on their way to the server: gives them ids, writes them to the current socket (or queues them while
 * there is none), confirms their delivery with ping/pong and, after a drop, sends the unconfirmed ones again behind
 * the merged session configuration, so every event arrives once and in order across reconnects.
 */
export class Delivery {
  readonly #outbox: Outbox;
  readonly #config = new SessionConfigStore();
  readonly #currentTransport: () => RealtimeTransport | undefined;
  readonly #eventPrefix = `evt_sb${Math.random().toString(36).slice(2, 8)}_`;
  #eventCounter = 0;
  #pingId = 0;
  #pings: { id: number; seq: number }[] = [];

  constructor(maxQueueBytes: number, provider: string, currentTransport: () => RealtimeTransport | undefined) {
    this.#outbox = new Outbox(maxQueueBytes, provider);
    this.#currentTransport = currentTransport;
  }

  /** Events waiting for a connection. */
  get queuedCount(): number {
    return this.#outbox.queuedCount;
  }

  /** Their size in bytes. */
  get queuedBytes(): number {
    return this.#outbox.queuedBytes;
  }

  /** Events written to the current socket and not yet confirmed. */
  get unsettledCount(): number {
    return this.#outbox.unsettledCount;
  }

  /** The configuration replayed first on every connection: all `session.update`s merged. */
  get sessionConfig(): RealtimeSessionConfig | undefined {
    return this.#config.current();
  }

  /** Merges `session` into the configuration replayed on every connection. */
  mergeConfig(session: RealtimeSessionConfig): void {
    this.#config.merge(session);
  }

  /**
   * Sends events as one unit: all written (`open`), or all queued or none, so a helper never leaves half of its
   * events behind when the queue is full. Returns their ids.
   */
  send(events: RealtimeClientEvent[], open: boolean): string[] {
    const entries = events.map((event) => {
      const eventId = event.event_id ?? this.#nextEventId();
      const data = JSON.stringify(event.event_id === undefined ? { ...event, event_id: eventId } : event);
      return { eventId, type: event.type, data, bytes: byteLength(data), seq: 0 } satisfies OutboxEntry;
    });
    if (open) for (const entry of entries) this.#write(entry);
    // While disconnected an update only joins the configuration that is replayed first on the next connection.
    else this.#outbox.enqueueAll(entries.filter((entry) => entry.type !== 'session.update'));
    for (const event of events) if (event.type === 'session.update') this.#config.merge(event.session);
    return entries.map((entry) => entry.eventId);
  }

  /** A connection opened: the merged configuration goes first, then everything queued, oldest first. */
  flush(): void {
    const replay = this.#config.current();
    if (replay) this.#write(this.#entry({ type: 'session.update', session: replay }));
    for (const entry of this.#outbox.takeQueued()) this.#write(entry);
  }

  /** Pings the current socket (when it can), remembering which events the pong will confirm. */
  ping(): void {
    const transport = this.#currentTransport();
    if (!transport?.canPing) return;
    const id = ++this.#pingId;
    const payload = new Uint8Array(PING_BYTES);
    new DataView(payload.buffer).setUint32(0, id);
    this.#pings.push({ id, seq: this.#outbox.lastSeq });
    // Only the latest pings matter: a later pong confirms everything before it.
    if (this.#pings.length > MAX_PENDING_PINGS) this.#pings.shift();
    transport.ping(payload);
  }

  /** A pong arrived: every event written before its ping was delivered. */
  confirm(payload: Uint8Array): void {
    if (payload.byteLength !== PING_BYTES) return;
    const id = new DataView(payload.buffer, payload.byteOffset, PING_BYTES).getUint32(0);
    let seq = 0;
    while (this.#pings.length > 0 && (this.#pings[0] as { id: number }).id <= id) {
      seq = (this.#pings.shift() as { seq: number }).seq;
    }
    if (seq > 0) this.#outbox.settleThrough(seq);
  }

  /**
   * The socket dropped: its pings will never be answered, and its unconfirmed events go back to the queue (updates
   * excepted: the merged configuration is replayed anyway).
   */
  requeueUnconfirmed(): void {
    this.#pings = [];
    this.#outbox.requeueUnsettled((entry) => entry.type !== 'session.update');
  }

  /** True when the event is still waiting to be (re)sent. */
  isQueued(eventId: string): boolean {
    return this.#outbox.isQueued(eventId);
  }

  /** Forgets every event (the session closed). */
  clear(): void {
    this.#outbox.clear();
  }

  #nextEventId(): string {
    return `${this.#eventPrefix}${(++this.#eventCounter).toString(36)}`;
  }

  #entry(event: RealtimeClientEvent): OutboxEntry {
    const eventId = this.#nextEventId();
    const data = JSON.stringify({ ...event, event_id: eventId });
    return { eventId, type: event.type, data, bytes: byteLength(data), seq: 0 };
  }

  #write(entry: OutboxEntry): void {
    const transport = this.#currentTransport();
    if (!transport?.send(entry.data)) {
      // The socket is going away and its close event is on the way: keep the event for the next connection.
      this.#outbox.recordSent(entry, true);
      return;
    }
    this.#outbox.recordSent(entry, transport.canPing);
    // A ping right behind every event: the server answers pings in order, so its pong proves this event (and all
    // before it) arrived. Events whose pong is missing when the socket drops are sent again on the next one.
    if (transport.canPing) this.ping();
  }
}
