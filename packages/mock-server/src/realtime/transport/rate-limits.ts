/** One entry of a `rate_limits.updated` event. */
export interface RealtimeRateLimit {
  name: 'requests' | 'tokens';
  limit: number;
  remaining: number;
  reset_seconds: number;
}

/** Per-minute limits reported in `rate_limits.updated`. */
export interface RealtimeRateLimitSettings {
  /** Requests (responses) per minute; default 5,000. */
  requestsPerMinute?: number;
  /** Tokens per minute; default 800,000. */
  tokensPerMinute?: number;
}

interface Bucket {
  requests: number;
  tokens: number;
  updatedAt: number;
}

/**
 * Per-minute request and token buckets with continuous refill, like the real service's, one per key and model.
 * They only feed the numbers of `rate_limits.updated`: the realtime routes report limits but do not enforce them.
 */
export class RealtimeRateLimits {
  readonly #requestLimit: number;
  readonly #tokenLimit: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(settings: RealtimeRateLimitSettings = {}, now: () => number = Date.now) {
    this.#requestLimit = settings.requestsPerMinute ?? 5000;
    this.#tokenLimit = settings.tokensPerMinute ?? 800_000;
    this.#now = now;
  }

  /** Takes one request and `tokens` from the bucket of `key` and returns the event's `rate_limits`. */
  consume(key: string, tokens: number): RealtimeRateLimit[] {
    const bucket = this.#refill(key);
    bucket.requests = Math.max(0, bucket.requests - 1);
    bucket.tokens = Math.max(0, bucket.tokens - tokens);
    return [entry('requests', this.#requestLimit, bucket.requests), entry('tokens', this.#tokenLimit, bucket.tokens)];
  }

  #refill(key: string): Bucket {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { requests: this.#requestLimit, tokens: this.#tokenLimit, updatedAt: now };
    const minutes = (now - bucket.updatedAt) / 60_000;
    bucket.requests = Math.min(this.#requestLimit, bucket.requests + minutes * this.#requestLimit);
    bucket.tokens = Math.min(this.#tokenLimit, bucket.tokens + minutes * this.#tokenLimit);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }
}

function entry(name: 'requests' | 'tokens', limit: number, level: number): RealtimeRateLimit {
  const missing = limit - level;
  const resetSeconds = Math.round((missing / limit) * 60 * 1000) / 1000;
  return { name, limit, remaining: Math.floor(level), reset_seconds: resetSeconds };
}
