import { ConfigError, type Provider } from '@switchboard/core';
import type { CheckpointDurability, CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { EvaluationReport } from '../eval/evaluation-types.js';
import type { BatchRun } from '../run/batch-run-types.js';
import type { RunBatchOptions } from '../run/run-options.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';

/** The fingerprint of an input's first requests, which a checkpoint must match. */
export interface InputFingerprinter {
  /** Adds a request with its hash; ignored once the prefix is full. */
  add(request: BatchRequest, requestHash: string): string;
  /** True once the prefix is full. */
  readonly complete: boolean;
  /** The digest (call once). */
  digest(): string;
}

/**
 * What only a runtime with a file system can do: checkpoint files and their locks, reading JSONL from a path, and
 * the Batch API jobs (which keep their input files and manifest in a folder). The Node entry
 * (`@switchboard/batch/node`, also what `@switchboard/batch` resolves to under the `node` export condition)
 * registers it; in a browser or worker bundle it is absent and those options fail with a ConfigError.
 */
export interface BatchPlatform {
  /** A short hash of one request, for the checkpoint. */
  hashRequest(request: BatchRequest): string;
  /** A new input fingerprint. */
  createFingerprint(): InputFingerprinter;
  /** Opens (and locks) the checkpoint file at `path`. */
  openCheckpoint(
    path: string,
    options: { fingerprint: string; durability?: CheckpointDurability },
  ): Promise<CheckpointStore>;
  /** The bytes of a file, streamed. */
  readFile(path: string | URL): AsyncIterable<Uint8Array>;
  /** Writes `evaluation.json` and `evaluation.md` into `dir` and returns their paths. */
  writeEvaluationReport(report: EvaluationReport, dir: string): Promise<{ json: string; markdown: string }>;
  /** `runBatch` with `mode: 'batch-api'` or `'auto'`. */
  runWithMode(
    provider: Provider,
    requests: BatchInput,
    options: RunBatchOptions & { mode: 'batch-api' | 'auto' },
  ): BatchRun;
}

let registered: BatchPlatform | undefined;

/** Registers (or with undefined, removes) the platform; the Node entry does this on import. */
export function setBatchPlatform(platform: BatchPlatform | undefined): void {
  registered = platform;
}

/** The registered platform, or a ConfigError naming the option that needs it and where it is available. */
export function batchPlatform(feature: string, path: string): BatchPlatform {
  if (registered) return registered;
  throw new ConfigError({
    issues: [
      {
        path,
        message: `${feature} needs a file system: import from '@switchboard/batch/node' (Node, Bun, Deno); in a browser or worker, run without it`,
      },
    ],
  });
}
