const COMPACT_AFTER = 1024;

/**
 * The buffer behind one `for await` over a session: events are pushed as they arrive and pulled by `next()`.
 * Ends when the session closes (after the buffered events) or when the loop breaks.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  #items: (T | undefined)[] = [];
  #head = 0;
  #waiters: ((result: IteratorResult<T>) => void)[] = [];
  #done = false;
  readonly #onReturn: () => void;

  constructor(onReturn: () => void, initial: readonly T[] = []) {
    this.#onReturn = onReturn;
    this.#items.push(...initial);
  }

  /** Adds an event (ignored once the queue has ended). */
  push(item: T): void {
    if (this.#done) return;
    const waiter = this.#waiters.shift();
    if (waiter) waiter({ value: item, done: false });
    else this.#items.push(item);
  }

  /** Ends the iteration once the buffered events are consumed. */
  end(): void {
    this.#done = true;
    for (const waiter of this.#waiters.splice(0)) waiter({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#items.length) {
      const value = this.#items[this.#head] as T;
      this.#items[this.#head++] = undefined;
      if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.#items = [];
    this.#head = 0;
    this.end();
    this.#onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
