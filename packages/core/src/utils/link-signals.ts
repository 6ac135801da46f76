/** What `onAbort` registered: the callbacks of one signal, behind a single real listener. */
interface Subscribers {
  callbacks: Set<(reason: unknown) => void>;
  listener: () => void;
}

const registry = new WeakMap<AbortSignal, Subscribers>();

/**
 * Calls `callback` once when `signal` aborts (at once, synchronously, when it already has) and returns the function
 * that unsubscribes it. However many calls share one signal, the signal carries a single `abort` listener, removed when
 * the last subscriber leaves: 1,000 concurrent calls on one request-scoped signal print no
 * `MaxListenersExceededWarning` and leave no listener behind.
 */
export function onAbort(signal: AbortSignal, callback: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    callback(signal.reason);
    return () => {};
  }
  let subscribers = registry.get(signal);
  if (!subscribers) {
    const created: Subscribers = {
      callbacks: new Set(),
      listener: () => {
        registry.delete(signal);
        for (const fn of [...created.callbacks]) fn(signal.reason);
        created.callbacks.clear();
      },
    };
    subscribers = created;
    registry.set(signal, created);
    signal.addEventListener('abort', created.listener, { once: true });
  }
  // A wrapper per subscription, so the same function subscribed twice is also removed twice.
  const entry = (reason: unknown) => callback(reason);
  const current = subscribers;
  current.callbacks.add(entry);
  return () => {
    if (!current.callbacks.delete(entry) || current.callbacks.size > 0) return;
    signal.removeEventListener('abort', current.listener);
    if (registry.get(signal) === current) registry.delete(signal);
  };
}

/** A signal that follows other signals until it is disposed. */
export interface LinkedSignal {
  /** Aborts when any linked signal aborts (with that signal's reason) or when `abort` is called. */
  readonly signal: AbortSignal;
  /** Aborts the linked signal itself, leaving the others alone. */
  abort(reason?: unknown): void;
  /** Stops following the linked signals; always call it when the work is over. */
  dispose(): void;
}

/**
 * Links `signals` (undefined ones are skipped) into one new signal, through `onAbort`, so a signal shared by many
 * calls keeps a single listener. Unlike `AbortSignal.any`, the link is cut deterministically by `dispose()` rather than
 * by garbage collection.
 */
export function linkSignals(...signals: (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const unsubscribers: (() => void)[] = [];
  const dispose = () => {
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
  for (const signal of signals) {
    if (!signal) continue;
    if (controller.signal.aborted) break;
    unsubscribers.push(
      onAbort(signal, (reason) => {
        controller.abort(reason);
        dispose();
      }),
    );
  }
  if (controller.signal.aborted) dispose();
  return {
    signal: controller.signal,
    abort: (reason?: unknown) => {
      controller.abort(reason);
      dispose();
    },
    dispose,
  };
}
