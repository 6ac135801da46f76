/** Reconnection settings. */
export interface BackoffOptions {
  /** The delay before the second attempt; later delays grow by `factor`. */
  initialDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** Growth per attempt. */
  factor: number;
}

/**
 * The wait before reconnection attempt `attempt` (1-based): the first retry is immediate, then exponential growth
 * from `initialDelayMs`, capped at `maxDelayMs`, with "equal jitter" (a random point in the upper half) so that many
 * clients dropped together do not come back in lockstep. A server's Retry-After is honoured as a floor.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (attempt <= 1 && retryAfterMs === undefined) return 0;
  const exponent = Math.max(0, attempt - 2);
  const ceiling = attempt <= 1 ? 0 : Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** exponent);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
