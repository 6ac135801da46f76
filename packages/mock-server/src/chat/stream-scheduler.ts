import type { RequestContext } from '../http/request-context.js';
import type { Sleeper } from '../server/sleeper.js';

/** One stream the scheduler paces. */
export interface PacedStream {
  ctx: RequestContext;
  events: readonly string[];
  /** Next event to write. */
  next: number;
  /** Events to write in all (fewer than `events.length` when a fault cuts the stream). */
  cutAt: number;
  /** performance.now() at which the next event is due. */
  nextAt: number;
  interChunkMs: number;
  /** Called once every event is written, or at once when the client is gone or the server closes. */
  done(written: boolean): void;
}

/**
 * Paces every stream of one server from a single timer instead of a timer per event: each stream has the time its
 * next event is due, and one tick writes the due event of every stream. The first content event is due a
 * time-to-first-token after the stream starts, each later one an inter-chunk delay after the previous one really
 * went out (so chunks are never squeezed together, as with one sleep per event). Thousands of concurrent streams
 * then cost one timer instead of thousands, which is what kept new streams from getting their first chunk in time.
 */
export class StreamScheduler {
  #active: PacedStream[] = [];
  #timer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #closed = false;

  constructor(sleeper: Sleeper) {
    sleeper.onClose(() => this.close());
  }

  /** Starts pacing a stream (its leading events must already be written). */
  add(stream: PacedStream): void {
    if (this.#closed) {
      stream.done(false);
      return;
    }
    this.#active.push(stream);
    this.#schedule(stream.nextAt);
  }

  /** Ends pacing: every stream still running is told it will not be completed. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const active = this.#active;
    this.#active = [];
    for (const stream of active) stream.done(false);
  }

  #schedule(at: number): void {
    if (at >= this.#wakeAt) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wakeAt = at;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, at - performance.now()));
  }

  #tick(): void {
    this.#timer = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let nextDue = Number.POSITIVE_INFINITY;
    const still: PacedStream[] = [];
    for (const stream of this.#active) {
      if (stream.ctx.gone) {
        stream.done(false);
        continue;
      }
      if (now >= stream.nextAt) {
        if (stream.interChunkMs <= 0) {
          stream.ctx.res.write(stream.events.slice(stream.next, stream.cutAt).join(''));
          stream.next = stream.cutAt;
        } else {
          stream.ctx.res.write(stream.events[stream.next] as string);
          stream.next++;
          stream.nextAt = now + stream.interChunkMs;
        }
      }
      if (stream.next >= stream.cutAt) {
        stream.done(true);
        continue;
      }
      still.push(stream);
      nextDue = Math.min(nextDue, stream.nextAt);
    }
    this.#active = still;
    if (still.length > 0) this.#schedule(nextDue);
  }
}
