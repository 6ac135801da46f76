import { writeChunk } from '../http/chunked.js';
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
  /** Written together with the last event (a fault's error payload or broken chunk; usually empty). */
  tail: string;
  /** performance.now() at which the next event is due. */
  nextAt: number;
  interChunkMs: number;
  /** Every event is ASCII (checked when the stream starts, while its events are fresh): no UTF-8 length to work out. */
  ascii: boolean;
  /**
   * Called once the last event went out with the end of the response (true), or at once when the client is gone or
   * the server closes (false: the response is not ended).
   */
  done(written: boolean): void;
}

/**
 * How long one tick may write before it lets the event loop accept connections and read requests (the rest of the
 * due events go out right after that, in the same loop turn's check phase).
 */
const TICK_BUDGET_MS = 4;
/**
 * Events a tick writes while connections are arriving, before it hands the turn back. libuv accepts one connection
 * per event-loop turn (since libuv 1.45 it no longer calls accept() in a loop), so a burst of 2,000 connections
 * needs 2,000 turns; with up to 4 ms of writing in each, the last connections of a burst waited over a second in the
 * kernel's accept queue (the first-chunk p99 of issue 21 was that wait, not the streaming). While a connection came
 * in since the previous tick, a tick writes this many events (first chunks first) and lets the loop accept the next.
 */
const BURST_WRITES = 4;
/** The budget is checked every this many writes (a clock read per write would cost more than it saves). */
const WRITES_PER_CHECK = 16;

/**
 * Streams in the order their next event is due. Every stream in a lane waits the same delay after being pushed, so
 * pushing at the tail keeps the lane sorted and a tick only looks at the streams that are due, not at every open one.
 */
export class Lane {
  #items: PacedStream[] = [];
  #head = 0;

  push(stream: PacedStream): void {
    this.#items.push(stream);
  }

  /** The stream due first, if any. */
  peek(): PacedStream | undefined {
    return this.#items[this.#head];
  }

  shift(): void {
    this.#head++;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Empties the lane, returning what it held. */
  drain(): PacedStream[] {
    const items = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return items;
  }
}

/**
 * Paces every stream of one server from a single timer instead of a timer per event: each stream has the time its
 * next event is due, and one tick writes the due event of every stream. The first content event is due a
 * time-to-first-token after the stream starts, each later one an inter-chunk delay after the previous one really
 * went out (so chunks are never squeezed together, as with one sleep per event).
 *
 * Streams wait in lanes, one per delay, each sorted by due time, so a tick costs the events it writes, not the
 * streams that are open. Under load (thousands of streams opened at once) a tick does not monopolise the process:
 * after a few milliseconds of writing it yields to I/O (new connections, request bodies) and carries on right after.
 * Streams waiting for their first content event go before streams already under way, so a burst of new streams is
 * not queued behind the next chunks of older ones: a late later chunk only widens one inter-chunk gap, a late first
 * chunk is the time-to-first-token a client sees.
 */
export class StreamScheduler {
  /** Streams whose first content event is not written yet, by time to first token. */
  #fresh = new Map<number, Lane>();
  /** Streams under way, by inter-chunk delay. */
  #active = new Map<number, Lane>();
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #closed = false;
  /** A connection came in since the last tick (set by `noteConnection`). */
  #arrivals = false;

  constructor(sleeper: Sleeper) {
    sleeper.onClose(() => this.close());
  }

  /** Starts pacing a stream (its leading events must already be written); it is due at `stream.nextAt`. */
  add(stream: PacedStream, timeToFirstTokenMs: number): void {
    if (this.#closed) {
      stream.done(false);
      return;
    }
    laneOf(this.#fresh, timeToFirstTokenMs).push(stream);
    this.#schedule(stream.nextAt);
  }

  /** Tells the scheduler that the server accepted a connection: more may wait in the accept queue. */
  noteConnection(): void {
    this.#arrivals = true;
  }

  /** Ends pacing: every stream still running is told it will not be completed. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
    const streams: PacedStream[] = [];
    for (const lane of [...this.#fresh.values(), ...this.#active.values()]) streams.push(...lane.drain());
    this.#fresh.clear();
    this.#active.clear();
    for (const stream of streams) stream.done(false);
  }

  #schedule(at: number): void {
    if (this.#immediate || at >= this.#wakeAt) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wakeAt = at;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, at - performance.now()));
  }

  #tick(): void {
    this.#timer = undefined;
    this.#immediate = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    let now = performance.now();
    const burst = this.#arrivals;
    this.#arrivals = false;
    const deadline = now + TICK_BUDGET_MS;
    const writeLimit = burst ? BURST_WRITES : Number.POSITIVE_INFINITY;
    let writes = 0;
    let overBudget = false;
    const lanes = [...this.#fresh.values(), ...this.#active.values()];
    for (const lane of lanes) {
      for (let stream = lane.peek(); stream !== undefined && !overBudget; stream = lane.peek()) {
        if (stream.nextAt > now && !stream.ctx.gone) break;
        lane.shift();
        if (stream.ctx.gone) {
          stream.done(false);
          continue;
        }
        if (stream.interChunkMs <= 0 || stream.next === stream.cutAt - 1) {
          writeRest(stream);
        } else {
          writeChunk(stream.ctx.res, stream.events[stream.next] as string, stream.ascii);
          stream.next++;
          stream.nextAt = now + stream.interChunkMs;
          laneOf(this.#active, stream.interChunkMs).push(stream);
        }
        if (++writes >= writeLimit) overBudget = true;
        else if (writes % WRITES_PER_CHECK === 0) {
          now = performance.now();
          overBudget = now > deadline;
        }
      }
    }
    if (overBudget) {
      this.#immediate = setImmediate(() => this.#tick());
      return;
    }
    let nextDue = Number.POSITIVE_INFINITY;
    for (const lane of [...this.#fresh.values(), ...this.#active.values()]) {
      const head = lane.peek();
      if (head !== undefined && head.nextAt < nextDue) nextDue = head.nextAt;
    }
    if (nextDue !== Number.POSITIVE_INFINITY) this.#schedule(nextDue);
  }
}

function laneOf(lanes: Map<number, Lane>, delay: number): Lane {
  let lane = lanes.get(delay);
  if (!lane) {
    lane = new Lane();
    lanes.set(delay, lane);
  }
  return lane;
}

/** Writes the events from `stream.next` on and the tail, and ends the response, in one write. */
function writeRest(stream: PacedStream): void {
  const from = stream.next;
  const rest =
    from === stream.cutAt - 1 ? (stream.events[from] as string) : stream.events.slice(from, stream.cutAt).join('');
  stream.next = stream.cutAt;
  stream.ctx.res.end(rest + stream.tail);
  stream.done(true);
}
