import type { ChatResponse, EmbeddingResponse, SwitchboardError } from '@switchboard/core';

/** Where a result came from. */
export type BatchResultSource = 'run' | 'checkpoint' | 'batch-api';

/** Fields every result carries. */
interface BatchResultBase {
  /** The request's `customId`. */
  customId: string;
  /** Where the result came from: this run, a checkpoint of an earlier run, or the provider's Batch API. */
  source: BatchResultSource;
  /** Milliseconds from the first attempt to the result (0 for Batch API results). */
  latencyMs: number;
  /** HTTP attempts made (retries included; 0 when unknown, e.g. for Batch API results). */
  attempts: number;
  /** Cost of the call in USD at catalog prices (Batch API results at the batch discount); 0 when unpriced or failed. */
  costUsd: number;
}

/** A request that succeeded. */
export interface BatchSuccess extends BatchResultBase {
  /** Discriminator. */
  ok: true;
  /** The chat response, for chat requests. */
  chat?: ChatResponse;
  /** The embedding response, for embedding requests. */
  embedding?: EmbeddingResponse;
}

/** Why a Batch API request has no answer. */
export type BatchLineOutcome =
  /** It ran and failed (an HTTP error status). */
  | 'failed'
  /** The batch expired before it ran. */
  | 'expired'
  /** The batch was cancelled before it ran. */
  | 'cancelled'
  /** The whole batch failed validation. */
  | 'batch-failed'
  /** Neither the output nor the error file mentions it. */
  | 'missing';

/** A request that failed for good (after retries). */
export interface BatchFailure extends BatchResultBase {
  /** Discriminator. */
  ok: false;
  /** The typed error. Errors replayed from a checkpoint are base `SwitchboardError`s. */
  error: SwitchboardError;
  /** For Batch API results: why there is no answer. */
  batchOutcome?: BatchLineOutcome;
}

/** The outcome of one request of a batch. */
export type BatchResult = BatchSuccess | BatchFailure;
