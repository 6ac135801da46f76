/**
 * Timers the server owns: every simulated delay goes through `sleep`, and `close()` ends all of them at once, so
 * closing the server never leaves a timer behind.
 */
export class Sleeper {
  #pending = new Map<NodeJS.Timeout, () => void>();
  #closed = false;
  #onClose: (() => void)[] = [];

  /** Runs `callback` when the sleeper closes (at once if it already has): for timers kept outside `sleep`. */
  onClose(callback: () => void): void {
    if (this.#closed) callback();
    else this.#onClose.push(callback);
  }

  /** Resolves after `ms` (at once for 0, or when the sleeper is closed). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve();
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  /** True after `close()`. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Cancels every pending timer and resolves every pending sleep. */
  close(): void {
    this.#closed = true;
    for (const [timer, resolve] of this.#pending) {
      clearTimeout(timer);
      resolve();
    }
    this.#pending.clear();
    const callbacks = this.#onClose;
    this.#onClose = [];
    for (const callback of callbacks) callback();
  }
}
