export { abortReason, raceAbort, throwIfAborted } from './abort.js';
export type { Deferred } from './deferred.js';
export { createDeferred } from './deferred.js';
export type { LinkedSignal } from './link-signals.js';
export { linkSignals, onAbort } from './link-signals.js';
export { sleep } from './sleep.js';
