import { errorFromHttpStatus, type SwitchboardError } from '@switchboard/core';
import { parseRateLimitHeaders } from '../headers/parse-rate-limit-headers.js';
import type { BaseErrorOptions, ErrorContext } from './error-context.js';
import type { HttpFailure } from './http-failure.js';
import { parseRetryAfterMs } from './retry-after.js';

/** The request id from `x-request-id` (or the provider's own reader). */
export function readRequestId(headers: Headers | undefined, context: ErrorContext): string | undefined {
  if (!headers) return undefined;
  return context.readRequestId ? context.readRequestId(headers) : (headers.get('x-request-id') ?? undefined);
}

/** The fields every error mapped from this failure shares. */
export function baseErrorOptions(failure: HttpFailure, context: ErrorContext, cause?: unknown): BaseErrorOptions {
  const base: BaseErrorOptions = {
    message: failure.error?.message || failure.fallbackMessage,
    provider: context.provider,
  };
  if (failure.status !== undefined) base.status = failure.status;
  const requestId = readRequestId(failure.headers, context);
  if (requestId) base.requestId = requestId;
  const retryAfterMs = parseRetryAfterMs(failure.headers);
  if (retryAfterMs !== undefined) base.retryAfterMs = retryAfterMs;
  const shouldRetry = failure.headers?.get('x-should-retry');
  if (shouldRetry === 'true' || shouldRetry === 'false') base.shouldRetry = shouldRetry === 'true';
  if (cause !== undefined) base.cause = cause;
  return base;
}

/**
 * Maps an HTTP failure (or an `error` payload inside a stream, which has no status) to the matching core error with
 * core's `errorFromHttpStatus`, after the provider's own `mapFailure` hook (Azure's content filter) had its say; a
 * 429 carries the rate-limit headers.
 */
export function mapHttpFailure(failure: HttpFailure, context: ErrorContext, cause?: unknown): SwitchboardError {
  const base = baseErrorOptions(failure, context, cause);
  const custom = context.mapFailure?.(failure, base);
  if (custom) return custom;
  const { code, type, param } = failure.error ?? {};
  const rateLimit = parseRateLimitHeaders(failure.headers);
  return errorFromHttpStatus({ status: failure.status, code, type, param }, { ...base, rateLimit });
}
