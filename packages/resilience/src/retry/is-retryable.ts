import { RateLimitError, type SwitchboardError } from '@switchboard/core';

/** Errors that no retry can fix, whatever the response headers say. */
const NEVER_RETRIED = new Set<SwitchboardError['code']>([
  'aborted',
  'content-filter',
  'context-length',
  'circuit-open',
  'config',
  'template',
  'unsupported',
]);

/**
 * Whether another attempt may succeed: never for aborts, content filters, context length, an open circuit or an
 * `insufficient_quota` 429; otherwise the provider's `x-should-retry` header decides when it was sent, and the error's
 * own `retryable` flag (408/409/429/5xx/network/timeout) when it was not.
 */
export function isRetryable(error: SwitchboardError): boolean {
  if (NEVER_RETRIED.has(error.code)) return false;
  if (isQuotaError(error)) return false;
  if (error.shouldRetry !== undefined) return error.shouldRetry;
  return error.retryable;
}

/** True for a rate-limit error of kind `quota` (billing: no amount of waiting helps). */
export function isQuotaError(error: SwitchboardError): boolean {
  return RateLimitError.isInstance(error) && error.kind === 'quota';
}
