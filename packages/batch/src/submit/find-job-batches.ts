import type { BatchJob, BatchService, CallOptions } from '@switchboard/core';
import { JOB_METADATA, jobIdTime } from './job-id.js';

/** Batches listed at most when looking for a job's parts (the newest first). */
const MAX_LISTED = 10_000;
/** Batches created this long before a generated job id's time are certainly not its parts. */
const CLOCK_SKEW_SECONDS = 3_600;

/**
 * Finds the provider batches of a job by their metadata, keyed `round:part`. Stops listing at batches older than
 * the job (for generated ids, which carry their creation time) or after {@link MAX_LISTED}.
 */
export async function findJobBatches(
  service: BatchService,
  jobId: string,
  options: CallOptions = {},
): Promise<Map<string, BatchJob>> {
  const found = new Map<string, BatchJob>();
  const created = jobIdTime(jobId);
  const oldest = created === undefined ? Number.NEGATIVE_INFINITY : created / 1000 - CLOCK_SKEW_SECONDS;
  let listed = 0;
  for await (const batch of service.list({ limit: 100 }, options)) {
    listed += 1;
    if (batch.createdAt < oldest || listed > MAX_LISTED) break;
    const metadata = batch.metadata ?? {};
    if (metadata[JOB_METADATA.job] !== jobId) continue;
    const key = partKey(Number(metadata[JOB_METADATA.round] ?? 0), Number(metadata[JOB_METADATA.part] ?? 0));
    // Newest first: the first one seen for a part is the latest attempt at creating it.
    if (!found.has(key)) found.set(key, batch);
  }
  return found;
}

/** The key of a part within a job. */
export function partKey(round: number, index: number): string {
  return `${round}:${index}`;
}
