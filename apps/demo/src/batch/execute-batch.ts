import { createHash } from 'node:crypto';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  type BatchPlan,
  type BatchResult,
  type BatchSummary,
  JsonlWriter,
  planBatch,
  readBatchRequests,
  runBatch,
} from '@switchboard/batch/node';
import { isSwitchboardError } from '@switchboard/core';
import { DemoError } from '../cli/demo-error.js';
import type { DemoContext } from '../setup/connect.js';
import type { ProgressDisplay } from './progress-display.js';
import { resultLine } from './result-line.js';

/** Batch API polling on the mock server, where a batch completes in milliseconds. */
const MOCK_POLLING = { pollIntervalMs: 100, maxPollIntervalMs: 500 };

/** How a batch runs: here through `runBatch`, by the provider's Batch API, or as `planBatch` recommends. */
export type DemoBatchMode = 'auto' | 'local' | 'api';

/** Options of {@link executeBatch}. */
export interface ExecuteBatchOptions {
  /** The connected providers. */
  demo: DemoContext;
  /** The JSONL input. */
  input: string;
  /** The JSONL output: one line per request, rewritten in full by every run (resumed runs included). */
  out: string;
  /**
   * The checkpoint: a local run's results as they finish (a rerun skips them), or for a Batch API run the job
   * record (a rerun picks the same job up again instead of submitting it twice).
   */
  checkpoint: string;
  /** The mode; `auto` plans first. */
  mode: DemoBatchMode;
  /** Requests in flight at once in a local run. */
  concurrency: number;
  /** Where progress goes. */
  display?: ProgressDisplay;
  /** Called with every result as it is written. */
  onResult?: (result: BatchResult) => void;
  /** Called with the plan, in `auto` mode, before the run starts. */
  onPlan?: (plan: BatchPlan) => void;
  /** Ctrl-C: stops the run; what finished is in the checkpoint. */
  signal?: AbortSignal;
}

/** How a batch run ended. */
export interface BatchOutcome {
  /** `local` or `batch-api`. */
  mode: 'local' | 'batch-api';
  /** The run's summary (partial when stopped). */
  summary: BatchSummary | undefined;
  /** Lines written to the output file. */
  written: number;
  /** Written lines whose request failed (`"ok": false`), those replayed from the checkpoint included. */
  failedLines: number;
  /** True when Ctrl-C (or the signal) stopped the run before the end. */
  stopped: boolean;
  /** The plan, in `auto` mode. */
  plan?: BatchPlan;
}

/**
 * Runs a JSONL batch with `@switchboard/batch` and writes every result to `out`. Stopped by the signal, the
 * checkpoint keeps what finished, so running it again with the same checkpoint sends only the rest (and, the
 * checkpointed results being replayed, the output again has every id exactly once).
 */
export async function executeBatch(options: ExecuteBatchOptions): Promise<BatchOutcome> {
  const { demo, signal } = options;
  const requests = readBatchRequests(options.input);
  let plan: BatchPlan | undefined;
  let mode: 'local' | 'batch-api' = options.mode === 'api' ? 'batch-api' : 'local';
  if (options.mode === 'auto') {
    plan = await planBatch(requests, { concurrency: options.concurrency, ...(signal ? { signal } : {}) });
    options.onPlan?.(plan);
    mode = plan.recommendation.mode;
  }
  await mkdir(dirname(resolve(options.out)), { recursive: true });
  await mkdir(dirname(resolve(options.checkpoint)), { recursive: true });
  const workDir = `${options.checkpoint}.files`;
  const run = runBatch(demo.provider, requests, {
    order: 'input',
    concurrency: options.concurrency,
    onProgress: (progress) => options.display?.update(progress),
    progressIntervalMs: 100,
    ...(signal ? { signal } : {}),
    ...(mode === 'local'
      ? { mode: 'local', checkpoint: options.checkpoint }
      : {
          mode: 'batch-api',
          // The mock server finishes a batch in milliseconds; the real one takes minutes to hours.
          job: {
            ...(await jobRecord(options.checkpoint, options.input)),
            workDir,
            ...(demo.offline ? MOCK_POLLING : {}),
          },
        }),
  });
  const writer = await JsonlWriter.create(options.out);
  let stopped = false;
  let failedLines = 0;
  try {
    for await (const result of run) {
      await writer.write(resultLine(result));
      if (!result.ok) failedLines += 1;
      options.onResult?.(result);
    }
  } catch (error) {
    if (!(signal?.aborted && isSwitchboardError(error) && error.code === 'aborted')) throw error;
    stopped = true;
  } finally {
    await writer.close();
    options.display?.stop();
  }
  // The job's files are gone once its results were read; leave no empty folder behind.
  if (mode === 'batch-api') await rmdir(workDir).catch(() => undefined);
  return {
    mode,
    summary: run.summary,
    written: writer.lines,
    failedLines,
    stopped: stopped || Boolean(run.summary?.stopped),
    ...(plan ? { plan } : {}),
  };
}

/** The Batch API job a checkpoint stands for: read back on a rerun, created (with a stable id) the first time. */
async function jobRecord(checkpoint: string, input: string): Promise<{ jobId: string }> {
  const text = await readFile(checkpoint, 'utf8').catch(() => undefined);
  if (text !== undefined) {
    try {
      const record = JSON.parse(text) as { jobId?: unknown };
      if (typeof record.jobId === 'string') return { jobId: record.jobId };
    } catch {
      // Not a job record: handled below.
    }
    throw new DemoError(
      `The checkpoint ${checkpoint} was written by a local run, not a Batch API job.`,
      'Use --mode local to resume it, or give --mode api another --checkpoint.',
    );
  }
  const jobId = `demo-${createHash('sha256')
    .update(`${resolve(input)}\u0000${Date.now()}`)
    .digest('hex')
    .slice(0, 16)}`;
  await writeFile(
    checkpoint,
    `${JSON.stringify({ jobId, input: resolve(input), createdAt: new Date().toISOString() })}\n`,
  );
  return { jobId };
}
