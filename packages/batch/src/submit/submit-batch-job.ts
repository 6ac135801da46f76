import { join } from 'node:path';
import { type BatchJob, InvalidRequestError, NotFoundError, type Provider } from '@switchboard/core';
import { InputFingerprint } from '../checkpoint/fingerprint.js';
import { CheckpointError } from '../errors/checkpoint-error.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';
import { BatchJobHandle } from './batch-job-handle.js';
import { findJobBatches } from './find-job-batches.js';
import { createJobContext, type JobContext } from './job-context.js';
import { createJobId, isValidJobId, JOB_METADATA } from './job-id.js';
import { type JobManifest, readManifest, writeManifest } from './job-manifest.js';
import type { BatchJobPart } from './job-part.js';
import { prepareParts } from './prepare-parts.js';
import type { ResumeBatchJobOptions, SubmitBatchJobOptions } from './submit-options.js';

/**
 * Submits requests to the provider's Batch API (half price, results within 24 hours): writes the JSONL input files
 * (split by model and endpoint, and before 50,000 requests or 200 MB), uploads them, and creates the batches.
 * Resolves once every batch is created; then `wait()`, `results()` or `cancel()` on the returned job. With your own
 * `jobId`, submitting again after a crash reuses what was already created.
 *
 * ```ts
 * const job = await submitBatchJob(provider, requests, { jobId: 'nightly-eval' });
 * for await (const result of job.results()) save(result);
 * ```
 */
export async function submitBatchJob(
  provider: Provider,
  requests: BatchInput,
  options: SubmitBatchJobOptions = {},
): Promise<BatchJobHandle> {
  const context = createJobContext(provider, options);
  const jobId = options.jobId ?? createJobId();
  checkJobId(jobId);
  const dir = join(context.workDir, jobId);
  let manifest = await readManifest(dir);
  if (manifest && manifest.fingerprint !== (await fingerprintOf(requests))) {
    throw new CheckpointError({
      problem: 'input-mismatch',
      path: dir,
      message: `The job ${jobId} was prepared for a different input; use another jobId or remove ${dir}.`,
    });
  }
  if (!manifest) {
    const { parts, fingerprint } = await prepareParts(context.service, requests, dir, {
      maxRequests: context.settings.maxRequestsPerJob,
      maxBytes: context.settings.maxBytesPerJob,
      signal: options.signal,
    });
    manifest = { jobId, createdAt: new Date().toISOString(), fingerprint, parts: [] };
    const handle = new BatchJobHandle(
      context,
      jobId,
      parts.map(({ inputPath, requestsPath, ...part }) => ({ part, inputPath, requestsPath })),
      manifest,
    );
    await writeManifest(dir, manifest);
    // A caller's own id may have batches from an earlier attempt that died before it wrote its manifest.
    await handle.submitMissing(
      options.jobId ? await findJobBatches(context.service, jobId, callOptions(options)) : new Map(),
    );
    return handle;
  }
  return openFromManifest(context, jobId, manifest);
}

/**
 * Picks up a Batch API job by id after a restart: from its folder's manifest when there is one, else from the
 * provider's batch list (by metadata). Parts not yet created are created (from the folder, or from `requests`).
 */
export async function resumeBatchJob(
  provider: Provider,
  jobId: string,
  options: ResumeBatchJobOptions = {},
): Promise<BatchJobHandle> {
  checkJobId(jobId);
  const { requests, ...rest } = options;
  const context = createJobContext(provider, { ...rest, jobId });
  const manifest = await readManifest(join(context.workDir, jobId));
  if (manifest) return openFromManifest(context, jobId, manifest);
  if (requests) return submitBatchJob(provider, requests, { ...rest, jobId });
  const found = await findJobBatches(context.service, jobId, callOptions(options));
  if (found.size === 0) {
    throw new NotFoundError({
      message: `No batches of the job ${jobId} were found.`,
      provider: provider.name,
      source: 'client',
    });
  }
  const states = [...found.values()].map((batch) => ({ part: partFromBatch(batch) }));
  states.sort((a, b) => a.part.round - b.part.round || a.part.index - b.part.index);
  const handle = new BatchJobHandle(context, jobId, states, undefined);
  await handle.refresh();
  return handle;
}

async function openFromManifest(context: JobContext, jobId: string, manifest: JobManifest): Promise<BatchJobHandle> {
  const dir = join(context.workDir, jobId);
  const states = manifest.parts.map((entry) => {
    const part: BatchJobPart = {
      index: entry.index,
      round: entry.round,
      endpoint: entry.endpoint,
      model: entry.model,
      requests: entry.requests,
      bytes: entry.bytes,
    };
    return {
      part,
      batchId: entry.batchId,
      ...(entry.inputFile ? { inputPath: join(dir, entry.inputFile) } : {}),
      ...(entry.requestsFile ? { requestsPath: join(dir, entry.requestsFile) } : {}),
    };
  });
  for (const state of states) {
    if (state.batchId)
      state.part.batch = await context.call((call) => context.service.retrieve(state.batchId as string, call));
  }
  const handle = new BatchJobHandle(context, jobId, states, manifest);
  const missing = states.some((state) => !state.part.batch);
  if (missing) {
    await handle.submitMissing(await findJobBatches(context.service, jobId, callOptions(context.options)));
  }
  return handle;
}

function partFromBatch(batch: BatchJob): BatchJobPart {
  const metadata = batch.metadata ?? {};
  return {
    index: Number(metadata[JOB_METADATA.part] ?? 0),
    round: Number(metadata[JOB_METADATA.round] ?? 0),
    // Azure reports the endpoint without the /v1 prefix.
    endpoint: batch.endpoint.endsWith('/embeddings') ? '/v1/embeddings' : '/v1/chat/completions',
    model: '',
    requests: batch.requestCounts.total,
    bytes: 0,
    batch,
  };
}

async function fingerprintOf(requests: BatchInput): Promise<string> {
  const fingerprint = new InputFingerprint();
  for await (const item of requests as AsyncIterable<BatchRequest>) {
    if (fingerprint.complete) break;
    fingerprint.add(item);
  }
  return fingerprint.digest();
}

function checkJobId(jobId: string): void {
  if (!isValidJobId(jobId)) {
    throw new InvalidRequestError({
      message: `The job id "${jobId}" must be 1 to 64 letters, digits, "_", "-" or "." (not starting with ".").`,
      source: 'client',
    });
  }
}

function callOptions(options: { signal?: AbortSignal }) {
  return options.signal ? { signal: options.signal } : {};
}
