/**
 * A finite stream of values that any number of readers can iterate from the start, at any time: what a reply's
 * `textStream` is built on, so a reader that attaches late still sees every delta.
 */
export class ReplayChannel<T> {
  readonly #items: T[] = [];
  #finished = false;
  #error: unknown;
  #failed = false;
  #wake: (() => void)[] = [];

  /** Adds a value. */
  push(item: T): void {
    if (this.#finished) return;
    this.#items.push(item);
    this.#notify();
  }

  /** Ends the stream. */
  end(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#notify();
  }

  /** Ends the stream with an error, thrown to readers after the values already pushed. */
  fail(error: unknown): void {
    if (this.#finished) return;
    this.#failed = true;
    this.#error = error;
    this.end();
  }

  /** Every value so far. */
  get items(): readonly T[] {
    return this.#items;
  }

  /** A reader from the first value. */
  async *read(): AsyncGenerator<T, void, undefined> {
    let index = 0;
    for (;;) {
      while (index < this.#items.length) yield this.#items[index++] as T;
      if (this.#finished) {
        if (this.#failed) throw this.#error;
        return;
      }
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  #notify(): void {
    for (const wake of this.#wake.splice(0)) wake();
  }
}
