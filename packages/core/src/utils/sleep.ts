import { abortReason } from './abort.js';
import { onAbort } from './link-signals.js';

/**
 * Waits `ms` milliseconds. When `signal` aborts, the timer is cleared and the promise rejects at once with the abort
 * reason (see `abortReason`), so a cancelled wait never leads to another attempt.
 */
export function sleep(ms: number, signal?: AbortSignal, provider?: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal, provider));
  return new Promise<void>((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    if (signal) {
      unsubscribe = onAbort(signal, () => {
        clearTimeout(timer);
        reject(abortReason(signal, provider));
      });
    }
  });
}
