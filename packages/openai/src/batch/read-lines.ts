// The one line reader lives in core's `@switchboard/core/utils`; re-exported for the batch service and `./internal`.
export { readLines } from '@switchboard/core/utils';
