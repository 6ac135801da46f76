import { ContinuousBucket } from '../../rate-limits/buckets.js';

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

interface BucketPair {
  requests: ContinuousBucket;
  tokens: ContinuousBucket;
}

/**
 * Per-minute request and token buckets with continuous refill, one pair per key and model: the HTTP routes'
 * OpenAI buckets (`ContinuousBucket`), so both halves refill by the same maths. They only feed the numbers of
 * `rate_limits.updated`: the realtime routes report limits but do not enforce them, so a response drains its
 * buckets (down to empty) rather than being refused.
 */
export class RealtimeRateLimits {
  readonly #requestLimit: number;
  readonly #tokenLimit: number;
  readonly #buckets = new Map<string, BucketPair>();
  readonly #now: () => number;

  constructor(settings: RealtimeRateLimitSettings = {}, now: () => number = Date.now) {
    this.#requestLimit = settings.requestsPerMinute ?? 5000;
    this.#tokenLimit = settings.tokensPerMinute ?? 800_000;
    this.#now = now;
  }

  /** Takes one request and `tokens` from the buckets of `key` and returns the event's `rate_limits`. */
  consume(key: string, tokens: number): RealtimeRateLimit[] {
    const now = this.#now();
    let pair = this.#buckets.get(key);
    if (!pair) {
      pair = {
        requests: new ContinuousBucket(this.#requestLimit, now),
        tokens: new ContinuousBucket(this.#tokenLimit, now),
      };
      this.#buckets.set(key, pair);
    }
    return [entry('requests', pair.requests, 1, now), entry('tokens', pair.tokens, tokens, now)];
  }
}

function entry(name: 'requests' | 'tokens', bucket: ContinuousBucket, amount: number, now: number): RealtimeRateLimit {
  const { remaining, resetMs } = bucket.drain(amount, now);
  return { name, limit: bucket.limit, remaining, reset_seconds: Math.round(resetMs) / 1000 };
}
