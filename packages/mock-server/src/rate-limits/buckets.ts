/** The outcome of asking a bucket for some capacity. */
export interface TakeResult {
  ok: boolean;
  /** Capacity left after the take (or now, when refused). */
  remaining: number;
  /** Milliseconds until the bucket is back to full. */
  resetMs: number;
  /** When refused: milliseconds until the request would fit. */
  retryAfterMs: number;
  /** How much was already used (capacity − level) before this take. */
  used: number;
}

/** The common shape of OpenAI's continuous bucket and Azure's windowed counter. */
export interface Bucket {
  readonly limit: number;
  take(amount: number, now: number): TakeResult;
  /** Gives capacity back (when a request's real cost is lower than its estimate). */
  refund(amount: number, now: number): void;
}

/** OpenAI's model: a per-minute budget refilled continuously (limit / 60 000 per millisecond). */
export class ContinuousBucket implements Bucket {
  readonly limit: number;
  #level: number;
  #updated: number;
  readonly #perMs: number;

  constructor(limitPerMinute: number, now: number) {
    this.limit = limitPerMinute;
    this.#level = limitPerMinute;
    this.#updated = now;
    this.#perMs = limitPerMinute / 60_000;
  }

  #refill(now: number): void {
    if (now > this.#updated) {
      this.#level = Math.min(this.limit, this.#level + (now - this.#updated) * this.#perMs);
      this.#updated = now;
    }
  }

  take(amount: number, now: number): TakeResult {
    this.#refill(now);
    const used = Math.round(this.limit - this.#level);
    if (amount <= this.#level) {
      this.#level -= amount;
      return this.#result(true, 0, used);
    }
    const retryAfterMs = amount > this.limit ? Number.POSITIVE_INFINITY : (amount - this.#level) / this.#perMs;
    return this.#result(false, retryAfterMs, used);
  }

  /** The bucket's state after a take: what is left and how long until it is full again. */
  #result(ok: boolean, retryAfterMs: number, used: number): TakeResult {
    return {
      ok,
      remaining: Math.floor(this.#level),
      resetMs: (this.limit - this.#level) / this.#perMs,
      retryAfterMs,
      used,
    };
  }

  refund(amount: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.limit, this.#level + amount);
  }

  /**
   * Takes `amount` whether or not it fits, emptying the bucket at worst: for usage that has already happened (a
   * realtime response's tokens), which is reported but not refused.
   */
  drain(amount: number, now: number): TakeResult {
    this.#refill(now);
    const used = Math.round(this.limit - this.#level);
    this.#level = Math.max(0, this.#level - amount);
    return this.#result(true, 0, used);
  }
}

/**
 * A per-minute limit enforced over fixed windows of `windowMs`, each allowing `ceil(limit × windowMs / 60 000)`:
 * Azure's 10-second windows, OpenAI's per-second quanta, or whole minutes. Windows are aligned to the clock
 * (`now − now % windowMs`); usage resets at each window's start.
 */
export class WindowedBucket implements Bucket {
  readonly limit: number;
  readonly windowMs: number;
  /** What one window allows. */
  readonly perWindow: number;
  #windowStart = 0;
  #used = 0;

  constructor(limitPerMinute: number, windowMs = 10_000) {
    this.limit = limitPerMinute;
    this.windowMs = windowMs;
    this.perWindow = Math.max(1, Math.ceil((limitPerMinute * windowMs) / 60_000));
  }

  #roll(now: number): void {
    const start = now - (now % this.windowMs);
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#used = 0;
    }
  }

  take(amount: number, now: number): TakeResult {
    this.#roll(now);
    const resetMs = this.#windowStart + this.windowMs - now;
    const used = this.#used;
    if (this.#used + amount <= this.perWindow) {
      this.#used += amount;
      return { ok: true, remaining: this.perWindow - this.#used, resetMs, retryAfterMs: 0, used };
    }
    const retryAfterMs = amount > this.perWindow ? Number.POSITIVE_INFINITY : resetMs;
    return { ok: false, remaining: this.perWindow - this.#used, resetMs, retryAfterMs, used };
  }

  refund(amount: number, now: number): void {
    this.#roll(now);
    this.#used = Math.max(0, this.#used - amount);
  }
}
