import { linkSignals } from '@switchboard/core/utils';

/** A signal that follows the caller's for the length of one call, and lets go of it afterwards. */
export interface LinkedSignal {
  /** Aborts when the caller's signal aborts (with its reason); undefined when the caller gave none. */
  signal: AbortSignal | undefined;
  /** Stops following the caller's signal; call it when the call is over. */
  dispose(): void;
}

/**
 * Gives each call its own signal. The SDK adds an abort listener to the signal it is given and never removes it, so
 * passing a long-lived caller signal straight through would grow that signal's listener list by one per call (a leak
 * that shows up as MaxListenersExceededWarning). The per-call signal comes from core's `linkSignals`, which keeps one
 * listener on a shared caller signal however many calls are in flight, and drops it with `dispose()`.
 */
export function linkSignal(parent: AbortSignal | undefined): LinkedSignal {
  if (!parent) return { signal: undefined, dispose: () => {} };
  const linked = linkSignals(parent);
  return { signal: linked.signal, dispose: () => linked.dispose() };
}
