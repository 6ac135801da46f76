import { EventQueue } from './event-queue.js';

/** A listener; a returned promise that rejects is reported like a thrown error. */
export type Listener<E> = (event: E) => void | Promise<void>;

/** How many early events the first iterator receives, so `for await` started after `connectRealtime` sees them. */
const BACKLOG_LIMIT = 64;

/**
 * Delivers each event to listeners by type (`*` for all) and to every open async iterator. A throwing listener
 * never disturbs the others or the connection: its error goes to `onListenerError`.
 */
export class EventHub<E extends { type: string }> {
  readonly #listeners = new Map<string, Set<Listener<E>>>();
  readonly #queues = new Set<EventQueue<E>>();
  readonly #onListenerError: (error: unknown) => void;
  #backlog: E[] | undefined = [];
  #ended = false;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener for `type` (`*` for every event); returns a function that removes it. */
  on(type: string, listener: Listener<E>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type, listener);
  }

  /** Removes a listener. */
  off(type: string, listener: Listener<E>): void {
    const set = this.#listeners.get(type);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.#listeners.delete(type);
  }

  /** Delivers `event` to the listeners of its type, of `alias` (if given) and of `*`, then to the iterators. */
  emit(event: E, alias?: string): void {
    this.#call(this.#listeners.get(event.type), event);
    if (alias !== undefined) this.#call(this.#listeners.get(alias), event);
    this.#call(this.#listeners.get('*'), event);
    if (this.#backlog) {
      this.#backlog.push(event);
      // Trimmed in batches rather than shifted per event: a session nobody iterates keeps this backlog for good.
      if (this.#backlog.length >= 2 * BACKLOG_LIMIT) this.#backlog.splice(0, this.#backlog.length - BACKLOG_LIMIT);
    }
    for (const queue of this.#queues) queue.push(event);
  }

  /**
   * A new async iterator. The first one also gets the events delivered before it existed (up to 64); later
   * ones start from now. After `end()`, a new iterator yields only that backlog.
   */
  iterate(): AsyncIterableIterator<E> {
    const queue: EventQueue<E> = new EventQueue(
      () => this.#queues.delete(queue),
      this.#backlog?.slice(-BACKLOG_LIMIT) ?? [],
    );
    this.#backlog = undefined;
    if (this.#ended) queue.end();
    else this.#queues.add(queue);
    return queue;
  }

  /** Ends every iterator (after its buffered events) and drops every listener. */
  end(): void {
    this.#ended = true;
    for (const queue of this.#queues) queue.end();
    this.#queues.clear();
    this.#listeners.clear();
  }

  #call(set: Set<Listener<E>> | undefined, event: E): void {
    if (!set) return;
    for (const listener of set) {
      try {
        const result = listener(event);
        if (result && typeof result.then === 'function') result.then(undefined, this.#onListenerError);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
