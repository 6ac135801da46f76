/**
 * Exponential backoff with full jitter: a uniformly random wait between 0 and `min(maxDelayMs, baseDelayMs × 2^(n-1))`
 * after the n-th failed attempt, so clients that failed together do not come back together.
 */
export function fullJitterBackoff(
  failedAttempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.floor(random() * ceiling);
}
