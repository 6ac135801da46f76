import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BatchJob } from '@switchboard/core';
import { readJsonlLines } from '../jsonl/read-jsonl.js';
import { GeneratorBatchRun } from '../run/batch-run.js';
import type { BatchRun } from '../run/batch-run-types.js';
import { type BatchProgress, ProgressTracker } from '../run/progress.js';
import { runLocalBatch } from '../run/run-local-batch.js';
import { sleep } from '../run/sleep.js';
import type { BatchRequest } from '../types/batch-request.js';
import type { BatchFailure, BatchResult } from '../types/batch-result.js';
import { partKey } from './find-job-batches.js';
import type { JobContext } from './job-context.js';
import { JOB_METADATA } from './job-id.js';
import type { JobManifest, ManifestPart } from './job-manifest.js';
import { writeManifest } from './job-manifest.js';
import { type BatchJobPart, isTerminal } from './job-part.js';
import { prepareParts } from './prepare-parts.js';
import { readPartResults } from './read-part-results.js';
import { decodeRequest } from './request-codec.js';
import type { BatchJobSummary } from './submit-options.js';

/** Least time between two progress events while results are read, in milliseconds. */
const PROGRESS_INTERVAL_MS = 500;

/** A part with its local files, when the job folder has them. */
interface PartState {
  part: BatchJobPart;
  inputPath?: string;
  requestsPath?: string;
}

/** Options of the handle's waiting and reading methods (they override the job's). */
export interface JobWaitOptions {
  /** Stops waiting or reading; the batches keep running. */
  signal?: AbortSignal;
  /** Progress events. */
  onProgress?: (progress: BatchProgress) => void;
}

/**
 * A submitted Batch API job: one or more provider batches (split by model, endpoint and the 50,000-request / 200 MB
 * limits). Wait for it, read its results joined back by `customId`, cancel it, or pick it up again after a restart
 * with `resumeBatchJob(provider, job.id)`.
 */
export class BatchJobHandle {
  private readonly states: PartState[];

  /** @internal Built by `submitBatchJob` and `resumeBatchJob`. */
  constructor(
    private readonly context: JobContext,
    /** The job id. */
    readonly id: string,
    states: PartState[],
    private readonly manifest: JobManifest | undefined,
  ) {
    this.states = states;
  }

  /** The job's parts with their provider batches as last seen. */
  get parts(): readonly BatchJobPart[] {
    return this.states.map((state) => state.part);
  }

  /** The job folder (input files and manifest), when the job has one. */
  get directory(): string | undefined {
    return this.manifest ? join(this.context.workDir, this.id) : undefined;
  }

  /** @internal Uploads and creates the batches of parts that have none yet (reusing ones found by metadata). */
  async submitMissing(existing: Map<string, BatchJob>): Promise<void> {
    const { service } = this.context;
    const rounds = new Map<number, number>();
    for (const { part } of this.states) rounds.set(part.round, (rounds.get(part.round) ?? 0) + 1);
    for (const state of this.states) {
      const { part } = state;
      if (part.batch) continue;
      const found = existing.get(partKey(part.round, part.index));
      if (found) part.batch = found;
      else if (state.inputPath) {
        const file = await this.context.upload(state.inputPath, basename(state.inputPath));
        part.batch = await this.context.call((options) =>
          service.create(
            {
              inputFileId: file.id,
              endpoint: part.endpoint,
              metadata: {
                ...this.context.options.metadata,
                [JOB_METADATA.job]: this.id,
                [JOB_METADATA.part]: String(part.index),
                [JOB_METADATA.parts]: String(rounds.get(part.round)),
                [JOB_METADATA.round]: String(part.round),
              },
            },
            options,
          ),
        );
      }
      await this.saveManifest();
    }
  }

  /** Reads the state of every batch that is not finished yet. */
  async refresh(options: Pick<JobWaitOptions, 'signal'> = {}): Promise<readonly BatchJobPart[]> {
    const signal = options.signal ?? this.context.options.signal;
    for (const { part } of this.states) {
      if (!part.batch || isTerminal(part.batch)) continue;
      const id = part.batch.id;
      part.batch = await this.context.call((call) => this.context.service.retrieve(id, call), signal);
    }
    return this.parts;
  }

  /** Polls with a growing interval until every batch has finished (completed, failed, expired or cancelled). */
  async wait(options: JobWaitOptions = {}): Promise<readonly BatchJobPart[]> {
    const signal = options.signal ?? this.context.options.signal;
    const onProgress = options.onProgress ?? this.context.options.onProgress;
    const started = performance.now();
    let interval = this.context.settings.pollIntervalMs;
    let firstDone: number | undefined;
    while (true) {
      await this.refresh({ signal });
      const progress = this.waitProgress(started, firstDone);
      firstDone ??= progress.done;
      onProgress?.(progress);
      if (this.states.every(({ part }) => !part.batch || isTerminal(part.batch))) return this.parts;
      await sleep(interval, signal);
      interval = Math.min(Math.ceil(interval * 1.5), this.context.settings.maxPollIntervalMs);
    }
  }

  /** Cancels every batch that has not finished; they move to `cancelling`, then `cancelled`. */
  async cancel(options: Pick<JobWaitOptions, 'signal'> = {}): Promise<void> {
    const signal = options.signal ?? this.context.options.signal;
    for (const { part } of this.states) {
      if (!part.batch || isTerminal(part.batch) || part.batch.status === 'cancelling') continue;
      const id = part.batch.id;
      part.batch = await this.context.call((call) => this.context.service.cancel(id, call), signal);
    }
  }

  /**
   * Waits for the job, then streams every request's result (each `customId` once): answers and typed failures,
   * joined back from the output and error files. Expired, missing and retryably failed requests are reported,
   * resubmitted or run locally as `onFailed` says. The job folder is removed at the end unless `keepFiles`.
   */
  results(options: JobWaitOptions = {}): BatchRun<BatchJobSummary> {
    const tracker = new ProgressTracker();
    tracker.total = this.states
      .filter(({ part }) => part.round === 0)
      .reduce((sum, { part }) => sum + part.requests, 0);
    return new GeneratorBatchRun<BatchJobSummary>(
      (report) => this.readAll(tracker, options, report),
      () => tracker.snapshot(),
    );
  }

  private async *readAll(
    tracker: ProgressTracker,
    options: JobWaitOptions,
    report: (summary: BatchJobSummary) => void,
  ): AsyncGenerator<BatchResult> {
    const tally = {
      failedIds: [] as string[],
      expiredIds: [] as string[],
      cancelledIds: [] as string[],
      resubmitted: 0,
      ranLocally: 0,
    };
    const onProgress = options.onProgress ?? this.context.options.onProgress;
    let lastProgress = Number.NEGATIVE_INFINITY;
    const deliver = (result: BatchResult) => {
      tracker.record(result);
      if (!result.ok) {
        tally.failedIds.push(result.customId);
        if (result.batchOutcome === 'expired') tally.expiredIds.push(result.customId);
        if (result.batchOutcome === 'cancelled') tally.cancelledIds.push(result.customId);
      }
      if (onProgress && performance.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = performance.now();
        onProgress(tracker.snapshot());
      }
      return result;
    };
    let stopped = true;
    try {
      if (this.states.some((state) => !state.requestsPath)) {
        // Picked up from the provider's batch list, without the job's files: read every round, newest first, so a
        // request answered by a resubmission is reported once, with that answer.
        const seen = new Set<string>();
        await this.wait(options);
        const newestFirst = [...this.states].sort((a, b) => b.part.round - a.part.round);
        for (const state of newestFirst) {
          for await (const result of this.readPart(state, options)) {
            if (seen.has(result.customId)) continue;
            seen.add(result.customId);
            yield deliver(result);
          }
        }
        stopped = false;
        onProgress?.(tracker.snapshot());
        return;
      }
      for (let round = 0; ; round += 1) {
        const followUp = new Set<string>();
        await this.wait(options);
        for (const state of this.states.filter(({ part }) => part.round === round)) {
          for await (const result of this.readPart(state, options)) {
            if (!result.ok && this.followsUp(result, round, state)) followUp.add(result.customId);
            else yield deliver(result);
          }
        }
        if (followUp.size === 0) break;
        const requests = this.requestsOf(round, followUp);
        if (this.context.options.onFailed === 'local') {
          tally.ranLocally += followUp.size;
          for await (const result of runLocalBatch(this.context.provider, requests, this.context.options.local)) {
            yield deliver(result);
          }
          break;
        }
        tally.resubmitted += followUp.size;
        await this.addRound(round + 1, requests);
      }
      stopped = false;
      onProgress?.(tracker.snapshot());
      if (!this.context.options.keepFiles && this.directory) await rm(this.directory, { recursive: true, force: true });
    } finally {
      const snapshot = tracker.snapshot();
      report({
        ...snapshot,
        total: tracker.total ?? snapshot.done,
        stopped,
        jobId: this.id,
        batchIds: this.states.flatMap(({ part }) => (part.batch ? [part.batch.id] : [])),
        ...tally,
      });
    }
  }

  /** The results of one part (none while it has no batch). */
  private async *readPart(state: PartState, options: JobWaitOptions): AsyncGenerator<BatchResult> {
    const batch = state.part.batch;
    if (!batch) return;
    const ids = state.requestsPath ? await readIds(state.requestsPath) : undefined;
    yield* readPartResults(
      this.context.service,
      this.context.provider.name,
      { batch, model: state.part.model, ids },
      { signal: options.signal ?? this.context.options.signal, catalog: this.context.options.catalog },
    );
  }

  /** Whether a failure gets another chance: it never ran or failed retryably, and its request is on disk. */
  private followsUp(result: BatchFailure, round: number, state: PartState): boolean {
    const mode = this.context.options.onFailed ?? 'report';
    if (mode === 'report' || !state.requestsPath) return false;
    if (mode === 'resubmit' && round >= (this.context.options.maxResubmits ?? 1)) return false;
    const outcome = result.batchOutcome;
    return outcome === 'expired' || outcome === 'missing' || (outcome === 'failed' && result.error.retryable);
  }

  /** Streams the requests of a round whose ids are in `ids`, from the parts' request files. */
  private async *requestsOf(round: number, ids: Set<string>): AsyncGenerator<BatchRequest> {
    for (const state of this.states) {
      if (state.part.round !== round || !state.requestsPath) continue;
      for await (const { text } of readJsonlLines(state.requestsPath)) {
        const request = decodeRequest(text);
        if (ids.has(request.customId)) yield request;
      }
    }
  }

  /** Prepares and submits a resubmission round, unless its batches exist already (a resumed job). */
  private async addRound(round: number, requests: AsyncIterable<BatchRequest>): Promise<void> {
    if (!this.states.some(({ part }) => part.round === round)) {
      const dir = join(this.context.workDir, this.id);
      const { parts: prepared } = await prepareParts(this.context.service, requests, dir, {
        round,
        maxRequests: this.context.settings.maxRequestsPerJob,
        maxBytes: this.context.settings.maxBytesPerJob,
        signal: this.context.options.signal,
      });
      for (const { inputPath, requestsPath, ...part } of prepared) this.states.push({ part, inputPath, requestsPath });
    }
    await this.submitMissing(new Map());
  }

  private async saveManifest(): Promise<void> {
    if (!this.manifest) return;
    this.manifest.parts = this.states.map(({ part, inputPath, requestsPath }) => {
      const entry: ManifestPart = {
        index: part.index,
        round: part.round,
        endpoint: part.endpoint,
        model: part.model,
        requests: part.requests,
        bytes: part.bytes,
        inputFile: inputPath ? basename(inputPath) : '',
        requestsFile: requestsPath ? basename(requestsPath) : '',
      };
      if (part.batch) entry.batchId = part.batch.id;
      return entry;
    });
    await writeManifest(join(this.context.workDir, this.id), this.manifest);
  }

  private waitProgress(started: number, firstDone: number | undefined): BatchProgress {
    let total = 0;
    let succeeded = 0;
    let failed = 0;
    let done = 0;
    for (const { part } of this.states) {
      const counts = part.batch?.requestCounts;
      const requests = part.requests || counts?.total || 0;
      total += requests;
      succeeded += counts?.completed ?? 0;
      failed += counts?.failed ?? 0;
      done += isTerminal(part.batch) ? requests : (counts?.completed ?? 0) + (counts?.failed ?? 0);
    }
    const elapsedMs = performance.now() - started;
    const rate = elapsedMs > 0 ? ((done - (firstDone ?? done)) / elapsedMs) * 1000 : 0;
    return {
      total,
      done,
      succeeded,
      failed,
      fromCheckpoint: 0,
      inFlight: total - done,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      elapsedMs,
      requestsPerSecond: rate,
      etaMs: done >= total ? 0 : rate > 0 ? ((total - done) / rate) * 1000 : undefined,
    };
  }
}

/** The ids of a part, from its requests file. */
async function readIds(path: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const { text } of readJsonlLines(path)) ids.add(decodeRequest(text).customId);
  return ids;
}
