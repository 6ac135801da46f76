import { QueueFullError } from '../errors/queue-full-error.js';

/** A client event ready for the wire. */
export interface OutboxEntry {
  /** Its `event_id`. */
  readonly eventId: string;
  /** Its `type`. */
  readonly type: string;
  /** The JSON text. */
  readonly data: string;
  /** The UTF-8 size of `data`. */
  readonly bytes: number;
  /** Position in the send order, set when it is written to a socket. */
  seq: number;
}

/**
 * The client events that have not been confirmed delivered: those queued while the connection is down (bounded in
 * bytes; a send that would exceed the bound fails with QueueFullError) and those written to the current socket but
 * not yet confirmed by a pong. When the socket drops, the unconfirmed ones go back to the front of the queue, so
 * after the reconnect every event is delivered once and in order.
 */
export class Outbox {
  readonly #maxBytes: number;
  readonly #provider: string | undefined;
  #queue: OutboxEntry[] = [];
  #queuedBytes = 0;
  #unsettled: (OutboxEntry | undefined)[] = [];
  #unsettledHead = 0;
  #unsettledBytes = 0;
  #lastSeq = 0;

  constructor(maxBytes: number, provider?: string) {
    this.#maxBytes = maxBytes;
    this.#provider = provider;
  }

  /** Bytes waiting for a connection. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Events waiting for a connection. */
  get queuedCount(): number {
    return this.#queue.length;
  }

  /** Events written to the current socket and not yet confirmed. */
  get unsettledCount(): number {
    return this.#unsettled.length - this.#unsettledHead;
  }

  /** The sequence number of the last event written. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Queues an event for the next connection; throws QueueFullError (and queues nothing) past the bound. */
  enqueue(entry: OutboxEntry): void {
    this.enqueueAll([entry]);
  }

  /** Queues events as one unit: all of them, or none (QueueFullError) when together they do not fit. */
  enqueueAll(entries: readonly OutboxEntry[]): void {
    const bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    if (this.#queuedBytes + bytes > this.#maxBytes) {
      throw new QueueFullError({
        maxBytes: this.#maxBytes,
        queuedBytes: this.#queuedBytes,
        eventBytes: bytes,
        provider: this.#provider,
      });
    }
    this.#queue.push(...entries);
    this.#queuedBytes += bytes;
  }

  /** Takes every queued event, oldest first. */
  takeQueued(): OutboxEntry[] {
    const taken = this.#queue;
    this.#queue = [];
    this.#queuedBytes = 0;
    return taken;
  }

  /**
   * Records that `entry` was written to the socket. `confirmable` is false for transports that cannot ping: such
   * events count as delivered at once. Past the byte bound the oldest unconfirmed events are taken as delivered.
   */
  recordSent(entry: OutboxEntry, confirmable: boolean): void {
    entry.seq = ++this.#lastSeq;
    if (!confirmable) return;
    this.#unsettled.push(entry);
    this.#unsettledBytes += entry.bytes;
    while (this.#unsettledBytes > this.#maxBytes && this.unsettledCount > 1) this.#dropOldestUnsettled();
  }

  /** Confirms delivery of every event written up to and including `seq`. */
  settleThrough(seq: number): void {
    while (this.#unsettledHead < this.#unsettled.length) {
      const entry = this.#unsettled[this.#unsettledHead] as OutboxEntry;
      if (entry.seq > seq) break;
      this.#dropOldestUnsettled();
    }
    const head = this.#unsettledHead;
    if (head > 0 && (head === this.#unsettled.length || (head >= 1024 && head * 2 >= this.#unsettled.length))) {
      this.#unsettled = this.#unsettled.slice(head);
      this.#unsettledHead = 0;
    }
  }

  /**
   * The socket dropped: unconfirmed events for which `keep` holds go back to the front of the queue (the bound may
   * be exceeded: they were accepted already).
   */
  requeueUnsettled(keep: (entry: OutboxEntry) => boolean = () => true): void {
    const unsettled = (this.#unsettled.slice(this.#unsettledHead) as OutboxEntry[]).filter(keep);
    this.#unsettled = [];
    this.#unsettledHead = 0;
    this.#unsettledBytes = 0;
    if (unsettled.length === 0) return;
    this.#queue = [...unsettled, ...this.#queue];
    for (const entry of unsettled) this.#queuedBytes += entry.bytes;
  }

  /** True when the event is still waiting to be (re)sent. */
  isQueued(eventId: string): boolean {
    return this.#queue.some((entry) => entry.eventId === eventId);
  }

  /** Forgets everything (the session closed). */
  clear(): void {
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#unsettled = [];
    this.#unsettledHead = 0;
    this.#unsettledBytes = 0;
  }

  #dropOldestUnsettled(): void {
    const entry = this.#unsettled[this.#unsettledHead] as OutboxEntry;
    this.#unsettled[this.#unsettledHead] = undefined;
    this.#unsettledHead++;
    this.#unsettledBytes -= entry.bytes;
  }
}
