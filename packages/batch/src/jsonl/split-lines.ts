// The one line splitter lives in core's `@switchboard/core/utils`; re-exported so batch's readers keep their import.
export type { Line } from '@switchboard/core/utils';
export { splitLines } from '@switchboard/core/utils';
