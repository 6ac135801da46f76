// The one abortable sleep lives in core's `@switchboard/core/utils`; re-exported so batch's runner keeps its import.
export { sleep } from '@switchboard/core/utils';
