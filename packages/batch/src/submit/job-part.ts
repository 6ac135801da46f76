import type { BatchEndpoint, BatchJob } from '@switchboard/core';

/** One provider batch of a Switchboard job: an input file of one endpoint and model, within the API's limits. */
export interface BatchJobPart {
  /** Position of the part in the job, from 0. */
  index: number;
  /** The resubmission round (0: the first submission). */
  round: number;
  /** The endpoint all its lines go to. */
  endpoint: BatchEndpoint;
  /** The model all its lines use. */
  model: string;
  /** Requests in the part. */
  requests: number;
  /** Bytes of its input file. */
  bytes: number;
  /** The provider batch, once created. */
  batch?: BatchJob;
}

/** Final states of a provider batch. */
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** True when the batch will not change any more. */
export function isTerminal(job: BatchJob | undefined): boolean {
  return job !== undefined && TERMINAL.has(job.status);
}
