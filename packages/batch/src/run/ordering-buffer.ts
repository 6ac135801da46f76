/** The order results are delivered in. */
export type ResultOrder = 'input' | 'completion';

const NOTHING = Symbol('nothing');

/**
 * Holds finished results until they may be delivered: at once (`completion` order), or once every earlier input
 * has been delivered (`input` order). Sequence numbers are the 0-based input positions, each used once.
 */
export class OrderingBuffer<T> {
  private readonly waiting = new Map<number, T | typeof NOTHING>();
  private ready: T[] = [];
  private next = 0;

  constructor(private readonly order: ResultOrder) {}

  /** Adds the result of input `sequence`. */
  push(sequence: number, value: T): void {
    this.settle(sequence, value);
  }

  /** Marks input `sequence` as having nothing to deliver, so later results are not held back by it. */
  skip(sequence: number): void {
    this.settle(sequence, NOTHING);
  }

  /** Takes the results that may be delivered now, in delivery order. */
  take(): T[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Results finished but held back behind an earlier unfinished one. */
  get heldBack(): number {
    return this.waiting.size;
  }

  /** Results ready to be taken. */
  get readyCount(): number {
    return this.ready.length;
  }

  /** The first input position not yet released (input order). */
  get released(): number {
    return this.next;
  }

  private settle(sequence: number, value: T | typeof NOTHING): void {
    if (this.order === 'completion') {
      if (value !== NOTHING) this.ready.push(value);
      return;
    }
    this.waiting.set(sequence, value);
    for (let head = this.waiting.get(this.next); this.waiting.has(this.next); head = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += 1;
      if (head !== NOTHING) this.ready.push(head as T);
    }
  }
}
