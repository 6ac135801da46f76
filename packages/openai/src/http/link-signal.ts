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
 * that shows up as MaxListenersExceededWarning). The per-call signal is dropped with its listener after the call.
 */
export function linkSignal(parent: AbortSignal | undefined): LinkedSignal {
  if (!parent) return { signal: undefined, dispose: () => {} };
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => {} };
  }
  const forward = () => controller.abort(parent.reason);
  parent.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', forward) };
}
