import { setTimeout as delay } from 'node:timers/promises';
import { AbortedError } from '@switchboard/core';

/** Waits `ms` milliseconds; an abort rejects at once with an `AbortedError` and clears the timer. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw new AbortedError({ message: 'The wait was aborted.', cause: signal.reason });
    throw error;
  }
}
