// One home for this helper is core's `@switchboard/core/utils`; re-exported here so resilience's files keep a short import.
export { sleep } from '@switchboard/core/utils';
