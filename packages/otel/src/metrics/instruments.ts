import type { Counter, Histogram, Meter } from '@opentelemetry/api';

/** Bucket boundaries the conventions advise for `gen_ai.client.operation.duration` (seconds). */
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** Bucket boundaries the conventions advise for `gen_ai.client.token.usage`. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

/** Every instrument the telemetry records to. */
export interface Instruments {
  /** `gen_ai.client.operation.duration` (s). */
  operationDuration: Histogram;
  /** `gen_ai.client.token.usage` ({token}), one record per token type. */
  tokenUsage: Histogram;
  /** `gen_ai.client.operation.time_to_first_chunk` (s), streams only. */
  timeToFirstChunk: Histogram;
  /** `switchboard.client.retries`: retried attempts. */
  retries: Counter;
  /** `switchboard.client.rate_limited`: 429 answers seen (retried or not). */
  rateLimited: Counter;
  /** `switchboard.client.rate_limit.wait_duration` (s): time spent waiting for limiter capacity. */
  rateLimitWait: Histogram;
}

/** Creates the instruments on `meter`. */
export function createInstruments(meter: Meter): Instruments {
  return {
    operationDuration: meter.createHistogram('gen_ai.client.operation.duration', {
      description: 'GenAI operation duration.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    tokenUsage: meter.createHistogram('gen_ai.client.token.usage', {
      description: 'Number of input and output tokens used.',
      unit: '{token}',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    }),
    timeToFirstChunk: meter.createHistogram('gen_ai.client.operation.time_to_first_chunk', {
      description: 'Time to receive the first chunk of a streamed answer.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    retries: meter.createCounter('switchboard.client.retries', {
      description: 'Attempts that failed and were retried.',
      unit: '{retry}',
    }),
    rateLimited: meter.createCounter('switchboard.client.rate_limited', {
      description: 'Rate-limit (HTTP 429) answers received.',
      unit: '{response}',
    }),
    rateLimitWait: meter.createHistogram('switchboard.client.rate_limit.wait_duration', {
      description: 'Time a call waited for client-side rate-limit capacity.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
  };
}
