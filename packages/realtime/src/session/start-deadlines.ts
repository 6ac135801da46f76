import type { ReplySink } from '../helpers/realtime-reply.js';

/**
 * Deadlines for replies whose response has not started: armed when a `response.create` is on the wire, disarmed by
 * its `response.created`, by the reply settling, or by a drop (a request queued for the next connection gets a fresh
 * deadline once it is sent there), so time spent disconnected never counts.
 */
export class StartDeadlines {
  readonly #timers = new Map<ReplySink, ReturnType<typeof setTimeout>>();
  readonly #timeoutMs: number;
  readonly #expire: (sink: ReplySink, timeoutMs: number) => void;

  constructor(timeoutMs: number, expire: (sink: ReplySink, timeoutMs: number) => void) {
    this.#timeoutMs = timeoutMs;
    this.#expire = expire;
  }

  /** Replies with a running deadline. */
  get size(): number {
    return this.#timers.size;
  }

  /** Starts (or restarts) the deadline of `sink`. */
  arm(sink: ReplySink): void {
    this.disarm(sink);
    const timer = setTimeout(() => {
      this.#timers.delete(sink);
      if (!sink.settled) this.#expire(sink, this.#timeoutMs);
    }, this.#timeoutMs);
    this.#timers.set(sink, timer);
  }

  /** Stops the deadline of `sink`, if it has one. */
  disarm(sink: ReplySink): void {
    const timer = this.#timers.get(sink);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(sink);
  }

  /** Stops every deadline. */
  disarmAll(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
