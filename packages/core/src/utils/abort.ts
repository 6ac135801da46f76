import { AbortedError } from '../errors/error-classes.js';
import { isSwitchboardError, type SwitchboardError } from '../errors/switchboard-error.js';
import { onAbort } from './link-signals.js';

/** The error a call ends with when `signal` aborts: its reason when that is a Switchboard error, else `AbortedError`. */
export function abortReason(signal: AbortSignal, provider?: string): SwitchboardError {
  const reason: unknown = signal.reason;
  if (isSwitchboardError(reason)) return reason;
  return new AbortedError({ ...(provider ? { provider } : {}), cause: reason });
}

/** Throws the abort reason when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, provider?: string): void {
  if (signal?.aborted) throw abortReason(signal, provider);
}

/**
 * Settles with `promise`, or rejects with the abort reason the moment `signal` aborts (the promise may settle later;
 * that outcome is dropped quietly).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, provider?: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortReason(signal, provider));
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => {
      promise.catch(() => {});
      reject(abortReason(signal, provider));
    });
    promise.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
