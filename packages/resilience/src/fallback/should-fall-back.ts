import type { SwitchboardError } from '@switchboard/core';
import { isRetryable } from '../retry/is-retryable.js';

/**
 * Whether the next provider should get the call: yes for retryable failures (once this provider's own retries gave
 * up), an open circuit, a prompt too long for this model, and our own client-side refusals (a full bulkhead or a
 * limiter wait beyond `maxWaitMs`); never for 400/401/403/404, a content filter, a quota error or an abort, which
 * another provider would answer the same way or which the caller asked for.
 */
export function shouldFallBack(error: SwitchboardError): boolean {
  if (error.code === 'circuit-open' || error.code === 'context-length') return true;
  if (error.code === 'rate-limit' && error.source === 'resilience') return true;
  return isRetryable(error);
}
