/** Settings of a retry budget. */
export interface RetryBudgetOptions {
  /** Retries earned by each first attempt (0.2: one retry per five calls). */
  ratio: number;
  /** Retries earned per second regardless of traffic. */
  minPerSecond: number;
  /** The most retries the budget holds, and what it starts with. */
  burst: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/**
 * A token bucket of retries that stops retry storms: every first attempt deposits `ratio` of a retry, time adds
 * `minPerSecond`, and every retry spends one. When everything fails the retry rate falls to `ratio` of the call rate
 * instead of multiplying the load by the number of attempts.
 */
export class RetryBudget {
  private balance: number;
  private updatedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: RetryBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.balance = options.burst;
    this.updatedAt = this.now();
  }

  /** Retries that could be spent right now. */
  get available(): number {
    this.refill();
    return this.balance;
  }

  /** Counts a first attempt. */
  deposit(): void {
    this.refill();
    this.balance = Math.min(this.options.burst, this.balance + this.options.ratio);
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
    this.balance = Math.min(this.options.burst, this.balance + (elapsed / 1000) * this.options.minPerSecond);
  }
}
