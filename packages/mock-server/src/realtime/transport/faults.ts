import type {
  RealtimeDropMode,
  RealtimeDropOptions,
  RealtimeMidResponseDropOptions,
  RealtimeOpenDropOptions,
  RealtimeRefuseOptions,
} from '../types.js';

/** A drop that fired: how to end the socket. */
export interface DropSpec {
  mode: RealtimeDropMode;
  reason: string;
}

interface Armed {
  spec: DropSpec;
  remaining: number;
  connectionId: string | undefined;
}

/**
 * The faults armed on the realtime routes. Each fault disarms itself after firing `times` times; `clear()`
 * disarms everything.
 */
export class RealtimeFaults {
  #openDrops: (Armed & { at: 'upgrade' | 'session-created' })[] = [];
  #responseDrops: (Armed & { afterDeltas: number })[] = [];
  #eventDrops: (Armed & { count: number; seen: number })[] = [];
  #refuseCount = 0;
  #refuseUntil = 0;
  #refuseStatus = 503;
  #silentNew = 0;

  /** Arms a drop of the next new connection(s). */
  armOpenDrop(options: RealtimeOpenDropOptions = {}): void {
    this.#openDrops.push({ ...armed(options), connectionId: undefined, at: options.at ?? 'session-created' });
  }

  /** Arms a drop in the middle of the next response(s). */
  armResponseDrop(options: RealtimeMidResponseDropOptions = {}): void {
    this.#responseDrops.push({ ...armed(options), afterDeltas: Math.max(1, options.afterDeltas ?? 1) });
  }

  /** Arms a drop on the `count`-th client event received from now. */
  armEventDrop(count: number, options: RealtimeDropOptions = {}): void {
    this.#eventDrops.push({ ...armed(options), count: Math.max(1, count), seen: 0 });
  }

  /** Arms refusals of upgrades. */
  armRefusal(options: RealtimeRefuseOptions = {}, now = Date.now()): void {
    const { count, forMs, status = 503 } = options;
    this.#refuseStatus = status;
    if (forMs !== undefined) this.#refuseUntil = Math.max(this.#refuseUntil, now + forMs);
    if (count !== undefined || forMs === undefined) this.#refuseCount += count ?? 1;
  }

  /** Starts the next `count` connections silent. */
  armSilentStarts(count: number): void {
    this.#silentNew += count;
  }

  /** Disarms every fault. */
  clear(): void {
    this.#openDrops = [];
    this.#responseDrops = [];
    this.#eventDrops = [];
    this.#refuseCount = 0;
    this.#refuseUntil = 0;
    this.#silentNew = 0;
  }

  /** The status to refuse an upgrade with, if a refusal is armed. */
  takeRefusal(now = Date.now()): number | undefined {
    if (now < this.#refuseUntil) return this.#refuseStatus;
    if (this.#refuseCount <= 0) return undefined;
    this.#refuseCount--;
    return this.#refuseStatus;
  }

  /** True when a new connection should start silent. */
  takeSilentStart(): boolean {
    if (this.#silentNew <= 0) return false;
    this.#silentNew--;
    return true;
  }

  /** The drop for a connection that has just opened, if one is armed. */
  takeOpenDrop(): (DropSpec & { at: 'upgrade' | 'session-created' }) | undefined {
    const fault = this.#openDrops[0];
    if (!fault) return undefined;
    this.#openDrops = consume(this.#openDrops, fault);
    return { ...fault.spec, at: fault.at };
  }

  /** Called after each delta of a response (`deltasSent` counts this response's deltas); `final` before `response.done`. */
  onResponseProgress(connectionId: string, deltasSent: number, final: boolean): DropSpec | undefined {
    const fault = this.#responseDrops.find(
      (candidate) => matches(candidate, connectionId) && (final || deltasSent >= candidate.afterDeltas),
    );
    if (!fault) return undefined;
    this.#responseDrops = consume(this.#responseDrops, fault);
    return fault.spec;
  }

  /** Called for every client event; returns a drop when an armed event count is reached. */
  onClientEvent(connectionId: string): DropSpec | undefined {
    for (const fault of this.#eventDrops) {
      if (!matches(fault, connectionId)) continue;
      fault.seen++;
      if (fault.seen >= fault.count) {
        fault.seen = 0;
        this.#eventDrops = consume(this.#eventDrops, fault);
        return fault.spec;
      }
    }
    return undefined;
  }
}

function armed(options: RealtimeDropOptions): Armed {
  return {
    spec: { mode: options.mode ?? 'destroy', reason: options.reason ?? '' },
    remaining: Math.max(1, options.times ?? 1),
    connectionId: options.connectionId,
  };
}

function matches(fault: Armed, connectionId: string): boolean {
  return fault.connectionId === undefined || fault.connectionId === connectionId;
}

function consume<T extends Armed>(list: T[], fault: T): T[] {
  fault.remaining--;
  return fault.remaining > 0 ? list : list.filter((candidate) => candidate !== fault);
}
