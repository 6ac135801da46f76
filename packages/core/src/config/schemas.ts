import { z } from 'zod';

/** Retry policy settings. */
export const retryOptionsSchema = z.strictObject({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** First backoff step in milliseconds (full jitter is applied). */
  baseDelayMs: z.number().int().min(0).default(500),
  /** Cap on one wait in milliseconds; a Retry-After beyond it fails at once. */
  maxDelayMs: z.number().int().min(0).default(60_000),
  /** Retries allowed per first attempt, on average, before the budget refuses more (0.2 = 20%). */
  budgetRatio: z.number().min(0).max(10).default(0.2),
  /** Retries always allowed per second regardless of the ratio. */
  budgetMinPerSecond: z.number().min(0).default(1),
  /** Retries the budget can hold (and starts with): the most that may be spent in one burst. */
  budgetBurst: z.number().min(0).default(10),
});

/** Client-side rate limiter settings. */
export const rateLimitOptionsSchema = z.strictObject({
  /** Requests per minute allowed per key. */
  requestsPerMinute: z.number().positive().optional(),
  /** Tokens per minute allowed per key. */
  tokensPerMinute: z.number().positive().optional(),
  /** Longest a caller may wait for capacity before it fails, in milliseconds. */
  maxWaitMs: z.number().int().min(0).default(120_000),
  /** Spread calls evenly (`smooth`) so windowed limits such as Azure's 10-second ones see no bursts. */
  smoothing: z.enum(['none', 'smooth']).default('none'),
  /** With `smooth`: the provider's enforcement window in milliseconds (Azure: 10 s); no window sees more than its share. */
  smoothingWindowMs: z.number().int().positive().default(10_000),
  /** Let `x-ratelimit-*` headers tighten the buckets (and supply limits that were not configured). */
  adaptive: z.boolean().default(true),
  /**
   * Without smoothing: this much refill time is held back from a full bucket, because calls reach the provider a
   * little after they leave the limiter (and its bucket may have started counting later than ours).
   */
  headroomMs: z.number().min(0).default(1_000),
});

/** Batch runner settings. */
export const batchOptionsSchema = z.strictObject({
  /** Requests in flight at once. */
  concurrency: z.number().int().min(1).max(10_000).default(16),
  /** Path of the JSONL checkpoint file. */
  checkpoint: z.string().min(1).optional(),
  /** Deliver results in input order or as they complete. */
  order: z.enum(['input', 'completion']).default('completion'),
  /** `fsync`: each group of checkpoint writes is synced to disk (survives a power cut); `write`: survives a crash. */
  checkpointDurability: z.enum(['fsync', 'write']).default('fsync'),
  /** Deliver results saved in the checkpoint by an earlier run again, so the output is complete. */
  replayCheckpoint: z.boolean().default(true),
  /** Which failures saved in the checkpoint a rerun tries again. */
  rerunFailed: z.enum(['retryable', 'all', 'none']).default('retryable'),
  /** Input order: results finished ahead of a slow earlier one held at most (default: 4 × concurrency, ≥ 64). */
  maxHeldResults: z.number().int().min(1).optional(),
  /** Least time between two progress events, in milliseconds. */
  progressIntervalMs: z.number().int().min(0).default(500),
  /** Run locally, through the provider's Batch API, or whichever `planBatch` recommends. */
  mode: z.enum(['local', 'batch-api', 'auto']).default('local'),
  /** Batch API: first wait between two status polls, in milliseconds (it grows by half each poll). */
  pollIntervalMs: z.number().int().min(1).default(5_000),
  /** Batch API: longest wait between two status polls, in milliseconds. */
  maxPollIntervalMs: z.number().int().min(1).default(60_000),
  /** Batch API: requests per input file (the API allows 50,000). */
  maxRequestsPerJob: z.number().int().min(1).max(50_000).default(50_000),
  /** Batch API: bytes per input file (the API allows 200 MB). */
  maxBytesPerJob: z.number().int().min(1).max(200_000_000).default(200_000_000),
});

/** Retry settings as given. */
export type RetryOptions = z.input<typeof retryOptionsSchema>;
/** Rate limiter settings as given. */
export type RateLimitOptions = z.input<typeof rateLimitOptionsSchema>;
/** Batch settings as given. */
export type BatchOptions = z.input<typeof batchOptionsSchema>;
