import { TimeoutError } from '@switchboard/core';

/** The signal a call runs under, and how to let go of it. */
export interface Deadline {
  /** Aborts when the caller aborts or the total timeout fires (reason: a `TimeoutError` with `phase: 'total'`). */
  signal: AbortSignal | undefined;
  /** Clears the timer and unhooks the caller's signal. */
  dispose(): void;
}

const NO_DEADLINE_DISPOSE = () => {};

/**
 * Starts the total timeout of one call: a signal that aborts when `parent` does or when `totalMs` runs out. Without
 * a total timeout the caller's signal is used as it is.
 */
export function startTotalTimeout(
  totalMs: number | undefined,
  parent: AbortSignal | undefined,
  provider?: string,
): Deadline {
  if (totalMs === undefined) return { signal: parent, dispose: NO_DEADLINE_DISPOSE };
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new TimeoutError({ phase: 'total', timeoutMs: totalMs, ...(provider ? { provider } : {}) })),
    totalMs,
  );
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
