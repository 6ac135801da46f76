import type { ErrorEvent, Hooks, ResponseEvent } from '../hooks/hook-events.js';

/** Totals for one provider and model. */
export interface UsageStats {
  /** The provider name. */
  provider: string;
  /** The logical model. */
  model: string;
  /** Calls that succeeded. */
  requests: number;
  /** Calls that failed. */
  errors: number;
  /** Errors by code. */
  errorsByCode: Record<string, number>;
  /** Input tokens. */
  inputTokens: number;
  /** Cached input tokens. */
  cachedInputTokens: number;
  /** Output tokens. */
  outputTokens: number;
  /** Reasoning tokens. */
  reasoningTokens: number;
  /** Estimated cost in USD. */
  costUsd: number;
  /** Median latency of successful calls, in milliseconds. */
  latencyP50Ms: number;
  /** 95th percentile latency of successful calls, in milliseconds. */
  latencyP95Ms: number;
}

interface Bucket extends Omit<UsageStats, 'latencyP50Ms' | 'latencyP95Ms'> {
  latencies: number[];
  nextSlot: number;
}

/**
 * Aggregates calls into per-provider, per-model totals: requests, errors, tokens, cost and latency percentiles.
 * Pass it as hooks (`withHooks(provider, tracker)`). Latency keeps the last `latencySamples` calls per key, so memory
 * stays bounded however long it runs.
 */
export class UsageTracker implements Hooks {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly latencySamples = 2_048) {}

  /** Records a successful call. */
  onResponse(event: ResponseEvent): void {
    const bucket = this.bucket(event.provider, event.model);
    bucket.requests += 1;
    bucket.inputTokens += event.usage?.inputTokens ?? 0;
    bucket.cachedInputTokens += event.usage?.cachedInputTokens ?? 0;
    bucket.outputTokens += event.usage?.outputTokens ?? 0;
    bucket.reasoningTokens += event.usage?.reasoningTokens ?? 0;
    bucket.costUsd += event.costUsd ?? 0;
    if (bucket.latencies.length < this.latencySamples) bucket.latencies.push(event.latencyMs);
    else {
      bucket.latencies[bucket.nextSlot] = event.latencyMs;
      bucket.nextSlot = (bucket.nextSlot + 1) % this.latencySamples;
    }
  }

  /** Records a failed call. */
  onError(event: ErrorEvent): void {
    const bucket = this.bucket(event.provider, event.model);
    bucket.errors += 1;
    bucket.errorsByCode[event.error.code] = (bucket.errorsByCode[event.error.code] ?? 0) + 1;
  }

  /** Totals per provider and model, sorted by provider then model. */
  snapshot(): UsageStats[] {
    return [...this.buckets.values()]
      .map(({ latencies, nextSlot: _slot, ...totals }) => {
        const sorted = [...latencies].sort((a, b) => a - b);
        return {
          ...totals,
          errorsByCode: { ...totals.errorsByCode },
          latencyP50Ms: percentile(sorted, 0.5),
          latencyP95Ms: percentile(sorted, 0.95),
        };
      })
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
  }

  /** Sums over every provider and model. */
  totals(): Pick<
    UsageStats,
    'requests' | 'errors' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'reasoningTokens' | 'costUsd'
  > {
    const totals = {
      requests: 0,
      errors: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      costUsd: 0,
    };
    for (const b of this.buckets.values()) {
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += b[key];
    }
    return totals;
  }

  /** Forgets everything. */
  reset(): void {
    this.buckets.clear();
  }

  private bucket(provider: string, model: string | undefined): Bucket {
    const name = model ?? '(none)';
    const key = `${provider}\u0000${name}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        provider,
        model: name,
        requests: 0,
        errors: 0,
        errorsByCode: {},
        inputTokens: 0,
        cachedInputTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        costUsd: 0,
        latencies: [],
        nextSlot: 0,
      };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

/** Nearest-rank percentile of sorted values; 0 when there are none. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] as number;
}
