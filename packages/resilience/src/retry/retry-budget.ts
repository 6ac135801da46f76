/** Settings of a retry budget. */
export interface RetryBudgetOptions {
  /** What the budget starts with and the most it holds, in retries (each retry costs one). */
  capacity: number;
  /** Retries won back by each call that succeeds (0.2: a retry per five successes). */
  refundPerSuccess: number;
  /** Retries won back per second regardless of traffic. */
  minPerSecond: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/**
 * A token bucket of retries, as the AWS SDKs keep one: it starts full (`capacity`), every retry costs one, every
 * success gives back `refundPerSuccess` and time gives back `minPerSecond`. A cold start can spend the whole capacity
 * on a burst of failures; when most calls fail, retries fall to about `refundPerSuccess` per success instead of
 * multiplying the load by the number of attempts.
 */
export class RetryBudget {
  private balance: number;
  private updatedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: RetryBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.balance = options.capacity;
    this.updatedAt = this.now();
  }

  /** Retries that could be spent right now. */
  get available(): number {
    this.refill();
    return this.balance;
  }

  /** A call succeeded. */
  refund(): void {
    this.refill();
    this.balance = Math.min(this.options.capacity, this.balance + this.options.refundPerSuccess);
  }

  /** Spends one retry; false when the budget is empty. */
  tryWithdraw(): boolean {
    this.refill();
    if (this.balance < 1) return false;
    this.balance -= 1;
    return true;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.updatedAt;
    if (elapsed <= 0) return;
    this.updatedAt = now;
    this.balance = Math.min(this.options.capacity, this.balance + (elapsed / 1000) * this.options.minPerSecond);
  }
}
