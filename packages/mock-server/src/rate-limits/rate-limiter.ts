import type { LimitPair, MockMode, RateLimitEnforcement, RateLimitOptions } from '../options.js';
import { type Bucket, ContinuousBucket, WindowedBucket } from './buckets.js';
import { formatResetDuration } from './duration.js';
import { insufficientQuotaError, rateLimitError } from './rate-limit-errors.js';

/** Stand-in for "no limit" on the other bucket when only one of rpm/tpm is configured. */
const UNCONFIGURED_RPM = 1_000_000;
const UNCONFIGURED_TPM = 1_000_000_000;

interface BucketPair {
  requests: Bucket;
  tokens: Bucket;
}

const UNLIMITED: readonly string[] = Object.freeze([]);

/** Window lengths of the windowed enforcement modes. */
const WINDOW_MS: Record<Exclude<RateLimitEnforcement, 'continuous'>, number> = {
  'per-second': 1_000,
  '10s-windows': 10_000,
  'per-minute': 60_000,
};

/** The enforcement in force: the explicit one, else the mode's (OpenAI: continuous, Azure: 10 s windows). */
export function enforcementOf(options: RateLimitOptions, mode: MockMode): RateLimitEnforcement {
  return options.enforcement ?? (mode === 'azure' ? '10s-windows' : 'continuous');
}

/**
 * Request and token buckets per API key and model (or deployment), enforced as `enforcement` says: OpenAI's
 * continuous per-minute refill, its per-second quanta, Azure's 10-second windows, or whole-minute windows.
 * Quota exhaustion (`insufficient_quota`) can be switched on for all keys or one.
 */
export class RateLimiter {
  #options: RateLimitOptions;
  #mode: MockMode;
  #buckets = new Map<string, BucketPair>();
  #quotaAll = false;
  #quotaKeys = new Set<string>();

  constructor(options: RateLimitOptions = {}) {
    this.#options = options;
    this.#mode = options.mode ?? 'openai';
  }

  /** Replaces the limits (and forgets every bucket). */
  configure(options: RateLimitOptions): void {
    this.#options = options;
    this.#mode = options.mode ?? 'openai';
    this.#buckets.clear();
  }

  /** The limits in force. */
  get options(): RateLimitOptions {
    return this.#options;
  }

  /** Refills every bucket (forgets usage). */
  reset(): void {
    this.#buckets.clear();
  }

  /** Switches `insufficient_quota` on or off, for one key or (no key) every key. */
  setQuotaExceeded(exceeded: boolean, apiKey?: string): void {
    if (apiKey === undefined) {
      this.#quotaAll = exceeded;
      if (!exceeded) this.#quotaKeys.clear();
    } else if (exceeded) this.#quotaKeys.add(apiKey);
    else this.#quotaKeys.delete(apiKey);
  }

  #limitsFor(model: string): LimitPair | undefined {
    const specific = this.#options.perModel?.[model];
    const rpm = specific?.rpm ?? this.#options.rpm;
    const tpm = specific?.tpm ?? this.#options.tpm;
    if (!rpm && !tpm) return undefined;
    return { rpm: rpm || UNCONFIGURED_RPM, tpm: tpm || UNCONFIGURED_TPM };
  }

  /**
   * Admits a request that is estimated to cost `tokens`, or throws the real 429 (`route` only shapes the message).
   * Returns the six `x-ratelimit-*` headers as a flat name/value list (empty when no limit applies).
   */
  admit(apiKey: string, model: string, tokens: number, route: string, azure: boolean): readonly string[] {
    if (this.#quotaAll || (this.#quotaKeys.size > 0 && this.#quotaKeys.has(apiKey))) throw insufficientQuotaError();
    const limits = this.#limitsFor(model);
    if (!limits) return UNLIMITED;
    const key = `${apiKey}\u0000${model}`;
    let pair = this.#buckets.get(key);
    const now = Date.now();
    if (!pair) {
      pair = this.#createPair(limits, now);
      this.#buckets.set(key, pair);
    }
    const requests = pair.requests.take(1, now);
    if (!requests.ok) {
      const tokensNow = pair.tokens.take(0, now);
      const headers = this.#headers(pair, requests.remaining, requests.resetMs, tokensNow.remaining, tokensNow.resetMs);
      throw rateLimitError(
        {
          kind: 'requests',
          model,
          route,
          limit: pair.requests.limit,
          used: requests.used,
          requested: 1,
          retryAfterMs: requests.retryAfterMs,
          headers,
        },
        azure,
      );
    }
    const tokenResult = pair.tokens.take(tokens, now);
    if (!tokenResult.ok) {
      pair.requests.refund(1, now);
      const headers = this.#headers(
        pair,
        requests.remaining + 1,
        requests.resetMs,
        tokenResult.remaining,
        tokenResult.resetMs,
      );
      throw rateLimitError(
        {
          kind: 'tokens',
          model,
          route,
          limit: pair.tokens.limit,
          used: tokenResult.used,
          requested: tokens,
          retryAfterMs: tokenResult.retryAfterMs,
          headers,
        },
        azure,
      );
    }
    return this.#headers(pair, requests.remaining, requests.resetMs, tokenResult.remaining, tokenResult.resetMs);
  }

  #createPair(limits: LimitPair, now: number): BucketPair {
    const enforcement = enforcementOf(this.#options, this.#mode);
    if (enforcement !== 'continuous') {
      const windowMs = WINDOW_MS[enforcement];
      return {
        requests: new WindowedBucket(limits.rpm as number, windowMs),
        tokens: new WindowedBucket(limits.tpm as number, windowMs),
      };
    }
    return {
      requests: new ContinuousBucket(limits.rpm as number, now),
      tokens: new ContinuousBucket(limits.tpm as number, now),
    };
  }

  #headers(
    pair: BucketPair,
    remainingRequests: number,
    resetRequestsMs: number,
    remainingTokens: number,
    resetTokensMs: number,
  ): string[] {
    return [
      'x-ratelimit-limit-requests',
      String(pair.requests.limit),
      'x-ratelimit-limit-tokens',
      String(pair.tokens.limit),
      'x-ratelimit-remaining-requests',
      String(Math.max(0, remainingRequests)),
      'x-ratelimit-remaining-tokens',
      String(Math.max(0, remainingTokens)),
      'x-ratelimit-reset-requests',
      formatResetDuration(resetRequestsMs),
      'x-ratelimit-reset-tokens',
      formatResetDuration(resetTokensMs),
    ];
  }
}
