import { RateLimitError } from '@switchboard/core';
import { onAbort as subscribeAbort } from '@switchboard/core/utils';
import { ConfigCollector } from '../config/config-collector.js';
import { KNOWN_OPTIONS } from '../config/known-options.js';
import { abortReason } from '../shared/abort.js';
import { OptionChecks } from '../shared/option-checks.js';

/** Settings of `createBulkhead`. */
export interface BulkheadOptions {
  /** Calls allowed to run at once. */
  maxConcurrent: number;
  /** Calls allowed to wait for a slot; one more is refused at once. Default 0 (no queue). Infinity for no bound. */
  maxQueue?: number;
}

/** Frees a bulkhead slot; calling it more than once does nothing. */
export type ReleaseSlot = () => void;

/** A cap on concurrent calls with a bounded queue. Share one to cap several wrappers together. */
export interface Bulkhead {
  /**
   * Takes a slot, waiting in the queue when all are busy. Rejects with a `RateLimitError` (source `resilience`) when
   * the queue is full, and at once with the abort reason when `signal` aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Calls running now. */
  readonly running: number;
  /** Calls waiting now. */
  readonly queued: number;
}

interface Waiter {
  grant(): void;
}

/**
 * Creates a bulkhead. (Ours rather than cockatiel's `BulkheadPolicy`: cockatiel's queue only looks at a waiter's
 * signal when the waiter reaches the front, and a cancelled waiter there does not pass the freed slot on, so a
 * queued caller could wait for nothing; here an abort leaves the queue at once.)
 */
export function createBulkhead(options: BulkheadOptions): Bulkhead {
  const collector = new ConfigCollector().unknownKeys('bulkhead', options, KNOWN_OPTIONS.bulkhead);
  collector.run(() =>
    new OptionChecks('bulkhead')
      .number('maxConcurrent', options.maxConcurrent, { min: 1, integer: true })
      .number('maxQueue', options.maxQueue === Number.POSITIVE_INFINITY ? 0 : options.maxQueue, { integer: true })
      .done(),
  );
  collector.done();
  const { maxConcurrent } = options;
  const maxQueue = options.maxQueue ?? 0;
  const waiters: Waiter[] = [];
  let running = 0;

  const slot = (): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiters.shift();
      if (next) next.grant();
      else running -= 1;
    };
  };

  return {
    get running() {
      return running;
    },
    get queued() {
      return waiters.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (running < maxConcurrent) {
        running += 1;
        return Promise.resolve(slot());
      }
      if (waiters.length >= maxQueue) {
        return Promise.reject(
          new RateLimitError({
            kind: 'rate',
            source: 'resilience',
            retryable: false,
            message: `The bulkhead is full: ${running} calls running and ${waiters.length} waiting.`,
          }),
        );
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        let unsubscribe = () => {};
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
        };
        // The slot passes straight from the releasing call to this one, so `running` stays the same.
        const waiter: Waiter = {
          grant: () => {
            unsubscribe();
            resolve(slot());
          },
        };
        waiters.push(waiter);
        // One listener per shared signal however many calls wait on it (core's `onAbort`).
        if (signal) unsubscribe = subscribeAbort(signal, onAbort);
      });
    },
  };
}
