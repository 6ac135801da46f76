import { createRandom } from '../text-generator.js';
import { type FaultSpec, type InstalledFault, parseFaultSpec, type RouteName } from './fault-spec.js';

/** Where a request is going, for matching faults. */
export interface FaultTarget {
  route: RouteName;
  surface: 'openai' | 'azure';
  model: string | undefined;
}

/**
 * The installed faults, matched in the order they were added; the first that matches (and wins its dice roll)
 * applies. Count-limited faults remove themselves when used up. Dice come from a seeded PRNG so runs repeat.
 */
export class FaultRegistry {
  #faults: InstalledFault[] = [];
  #nextId = 1;
  #random: () => number;
  #faultRate: number;

  constructor(seed: number, faultRate = 0) {
    this.#random = createRandom(seed ^ 0x5eed);
    this.#faultRate = faultRate;
  }

  /** Installs a fault; returns its id. */
  add(spec: FaultSpec): string {
    const checked = parseFaultSpec(spec);
    const id = `fault_${this.#nextId++}`;
    this.#faults.push({ ...checked, id, hits: 0 });
    return id;
  }

  /** Removes one fault; false if it was not installed. */
  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length !== before;
  }

  /** Removes every fault (the global fault rate stays). */
  clear(): void {
    this.#faults = [];
  }

  /** Copies of the installed faults. */
  list(): InstalledFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  /** Sets the probability that any API request fails with a 500. */
  setFaultRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1)) throw new TypeError('faultRate must be between 0 and 1');
    this.#faultRate = rate;
  }

  /** The fault rate currently in force. */
  get faultRate(): number {
    return this.#faultRate;
  }

  /** Picks the fault for one request (and counts it), or undefined. */
  pick(target: FaultTarget, streaming: boolean): FaultSpec | undefined {
    if (this.#faults.length > 0) {
      for (let i = 0; i < this.#faults.length; i++) {
        const fault = this.#faults[i] as InstalledFault;
        if (!matches(fault, target, streaming)) continue;
        if (fault.probability !== undefined && fault.probability < 1 && this.#random() >= fault.probability) continue;
        fault.hits++;
        if (fault.times !== undefined && fault.hits >= fault.times) this.#faults.splice(i, 1);
        return fault;
      }
    }
    if (this.#faultRate > 0 && this.#random() < this.#faultRate) return { kind: 'status', status: 500 };
    return undefined;
  }
}

function matches(fault: InstalledFault, target: FaultTarget, streaming: boolean): boolean {
  if (fault.route !== undefined && fault.route !== '*' && fault.route !== target.route) return false;
  if (fault.surface !== undefined && fault.surface !== target.surface) return false;
  if (fault.model !== undefined && fault.model !== target.model) return false;
  if ((fault.kind === 'truncate-stream' || fault.kind === 'stream-error') && !streaming) return false;
  return true;
}
