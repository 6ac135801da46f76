import { TimeoutError } from '@switchboard/core';
import { linkSignals, onAbort } from '@switchboard/core/utils';

/** The signal a call runs under, and how to let go of it. */
export interface Deadline {
  /** Aborts when the caller aborts or the total timeout fires (reason: a `TimeoutError` with `phase: 'total'`). */
  signal: AbortSignal | undefined;
  /** Clears the timer and unhooks the caller's signal. */
  dispose(): void;
}

const NO_DEADLINE_DISPOSE = () => {};
const ignore = () => {};

/**
 * Starts the total timeout of one call: a signal that aborts when `parent` does or when `totalMs` runs out. Without
 * a total timeout the caller's signal is used as it is. The link to `parent` goes through core's `linkSignals`, so
 * many calls sharing one signal leave it a single listener.
 */
export function startTotalTimeout(
  totalMs: number | undefined,
  parent: AbortSignal | undefined,
  provider?: string,
): Deadline {
  if (totalMs === undefined) return { signal: parent, dispose: NO_DEADLINE_DISPOSE };
  const link = linkSignals(parent);
  const timer = setTimeout(
    () => link.abort(new TimeoutError({ phase: 'total', timeoutMs: totalMs, ...(provider ? { provider } : {}) })),
    totalMs,
  );
  // The layers below (breaker, limiter, retry waits, the attempt race, the provider) each subscribe to this signal and
  // leave again; held by one subscriber for the whole call, it keeps its single abort listener instead of having one
  // added and removed at every layer.
  const hold = onAbort(link.signal, ignore);
  return {
    signal: link.signal,
    dispose: () => {
      clearTimeout(timer);
      hold();
      link.dispose();
    },
  };
}
