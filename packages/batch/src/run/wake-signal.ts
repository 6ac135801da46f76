/**
 * A one-slot wake-up: `notify()` wakes the pending `wait()`, or the next one when nobody is waiting yet, so a
 * notification between a check and the wait is never lost.
 */
export class WakeSignal {
  private pending = false;
  private resolve: (() => void) | undefined;

  /** Wakes the waiter (now or at its next wait). */
  notify(): void {
    if (this.resolve) {
      const resolve = this.resolve;
      this.resolve = undefined;
      resolve();
    } else this.pending = true;
  }

  /** Resolves at the next notification, or at once if one came since the last wait. */
  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }
}
