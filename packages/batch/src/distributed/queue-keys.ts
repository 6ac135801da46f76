/** The Redis keys of one distributed batch job. */
export interface JobKeys {
  /** Set of every enqueued customId (what makes enqueuing idempotent). */
  ids: string;
  /** Hash of counters: total, succeeded, failed, cancelled, duplicates, redelivered, costUsd, times. */
  meta: string;
  /** Hash customId → recorded result (what makes recording exactly once). */
  results: string;
  /** Stream of recorded results in the order they were recorded (what readers follow). */
  stream: string;
  /** Hash reader name → the last stream entry it consumed. */
  readers: string;
}

/** The keys of `jobId` under `prefix`. */
export function jobKeys(prefix: string, jobId: string): JobKeys {
  const base = `${prefix}:{${jobId}}`;
  return {
    ids: `${base}:ids`,
    meta: `${base}:meta`,
    results: `${base}:results`,
    stream: `${base}:stream`,
    readers: `${base}:readers`,
  };
}

/** The BullMQ job id of one request: unique per batch job and customId, with no `:` (BullMQ reserves it). */
export function queueJobId(jobId: string, customId: string): string {
  return `${encodeURIComponent(jobId)}.${encodeURIComponent(customId)}`;
}

export const DEFAULT_QUEUE_NAME = 'switchboard-batch';
export const DEFAULT_PREFIX = 'switchboard:batch';
