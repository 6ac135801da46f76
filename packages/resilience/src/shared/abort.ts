// One home for these helpers is core's `@switchboard/core/utils`; re-exported here so resilience's files keep a short import.
export { abortReason, raceAbort, throwIfAborted } from '@switchboard/core/utils';
