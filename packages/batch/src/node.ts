/**
 * The Node entry (also what `@switchboard/batch` resolves to under the `node` export condition): everything in the
 * main entry, with the file-based parts registered (checkpoint files and locks, JSONL from a path, report files and
 * Batch API job folders), plus the classes and functions that only make sense with files. Works on Node, Bun and Deno.
 */
import { nodeBatchPlatform } from './node/node-batch-platform.js';
import { setBatchPlatform } from './platform/batch-platform.js';

setBatchPlatform(nodeBatchPlatform);

export type { CheckpointDurability, CheckpointEntry } from './checkpoint/checkpoint-store.js';
export { CheckpointStore } from './checkpoint/checkpoint-store.js';
export { FINGERPRINT_PREFIX, hashRequest } from './checkpoint/fingerprint.js';
export * from './index.js';
export { JsonlWriter } from './jsonl/jsonl-writer.js';
export { writeEvaluationReport } from './node/write-evaluation-report.js';
export type { JobWaitOptions } from './submit/batch-job-handle.js';
export { BatchJobHandle } from './submit/batch-job-handle.js';
export { resumeBatchJob, submitBatchJob } from './submit/submit-batch-job.js';
