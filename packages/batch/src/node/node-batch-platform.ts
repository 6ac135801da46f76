import { runWithMode } from '../auto/run-with-mode.js';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { hashRequest, InputFingerprint } from '../checkpoint/fingerprint.js';
import type { BatchPlatform } from '../platform/batch-platform.js';
import { readFileChunks } from './read-file-chunks.js';
import { writeEvaluationReport } from './write-evaluation-report.js';

/** Node's file-based half of the batch package: checkpoint files and locks, JSONL files, Batch API job folders. */
export const nodeBatchPlatform: BatchPlatform = {
  hashRequest,
  createFingerprint: () => new InputFingerprint(),
  openCheckpoint: (path, options) => CheckpointStore.open(path, options),
  readFile: (path) => readFileChunks(path),
  writeEvaluationReport,
  runWithMode,
};
