import { abortReason } from './abort.js';

/**
 * Waits `ms` milliseconds. When `signal` aborts, the timer is cleared and the promise rejects at once with the abort
 * reason, so a cancelled wait never leads to another attempt.
 */
export function sleep(ms: number, signal?: AbortSignal, provider?: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal, provider));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal, provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
