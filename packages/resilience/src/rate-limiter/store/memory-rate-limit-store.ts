import type { RateLimitKeyState, RateLimitStore } from './rate-limit-store.js';
import { type StoreOperation, storeOperations } from './store-operations.js';

/** Options of `createMemoryRateLimitStore`. */
export interface MemoryRateLimitStoreOptions {
  /** The store's clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** A memory store: its state, for tests and tools that inspect it. */
export interface MemoryRateLimitStore extends RateLimitStore {
  /** A copy of the state of `key`, or undefined before its first call. */
  state(key: string): RateLimitKeyState | undefined;
}

/**
 * The reference store: state in a `Map`, per process and lost on exit. Each operation runs to completion before the
 * next (JavaScript runs one at a time), which is what makes it atomic.
 */
export function createMemoryRateLimitStore(options: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const { now = Date.now } = options;
  const states = new Map<string, RateLimitKeyState>();
  const run = <A, R>(operation: StoreOperation<A, R>, key: string, args: A): Promise<R> => {
    try {
      const { state, result } = operation(states.get(key), now(), args);
      states.set(key, state);
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    reserve: (key, args) => run(storeOperations.reserve, key, args),
    adjust: (key, args) => run(storeOperations.adjust, key, args),
    pause: (key, args) => run(storeOperations.pause, key, args),
    observe: (key, args) => run(storeOperations.observe, key, args),
    snapshot: (key, args) => run(storeOperations.snapshot, key, args),
    state: (key) => {
      const state = states.get(key);
      return state ? structuredClone(state) : undefined;
    },
  };
}
