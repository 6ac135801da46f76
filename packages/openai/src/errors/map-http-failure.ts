import {
  AuthenticationError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  type SwitchboardError,
} from '@switchboard/core';
import { parseRateLimitHeaders } from '../headers/parse-rate-limit-headers.js';
import type { BaseErrorOptions, ErrorContext } from './error-context.js';
import type { HttpFailure } from './http-failure.js';
import { parseRetryAfterMs } from './retry-after.js';

const CONTEXT_LENGTH_MESSAGE = /maximum context length|context window|too many tokens in the prompt/i;

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
 * Maps an HTTP failure (or an `error` payload inside a stream, which has no status) to the matching core error:
 * 400 `context_length_exceeded` → context-length, 400/413/422 → invalid-request, 401 → authentication, 403 →
 * permission, 404 → not-found, 429 → rate-limit (`insufficient_quota` → kind `quota`, never retryable), 408/409/5xx →
 * server. `x-should-retry: false` makes a retryable error non-retryable.
 */
export function mapHttpFailure(failure: HttpFailure, context: ErrorContext, cause?: unknown): SwitchboardError {
  const base = baseErrorOptions(failure, context, cause);
  const custom = context.mapFailure?.(failure, base);
  if (custom) return custom;
  const code = failure.error?.code === undefined || failure.error.code === null ? '' : String(failure.error.code);
  const type = failure.error?.type ?? '';
  const retryable = base.shouldRetry === false ? { retryable: false } : {};
  const status = failure.status ?? statusFromCode(code, type);

  if (status === 429 || code === 'rate_limit_exceeded' || code === 'insufficient_quota') {
    const quota = code === 'insufficient_quota' || type === 'insufficient_quota';
    const rateLimit = parseRateLimitHeaders(failure.headers);
    return new RateLimitError({
      ...base,
      ...retryable,
      kind: quota ? 'quota' : 'rate',
      ...(rateLimit ? { rateLimit } : {}),
    });
  }
  if (code === 'context_length_exceeded' || (status === 400 && CONTEXT_LENGTH_MESSAGE.test(base.message))) {
    return new ContextLengthError(base);
  }
  if (code === 'content_filter') return new ContentFilterError(base);
  switch (status) {
    case 401:
      return new AuthenticationError(base);
    case 403:
      return new PermissionError(base);
    case 404:
      return new NotFoundError(base);
    case 408:
    case 409:
      return new ServerError({ ...base, ...retryable });
  }
  if (status >= 500) return new ServerError({ ...base, ...retryable });
  return new InvalidRequestError({ ...base, ...(failure.error?.param ? { param: failure.error.param } : {}) });
}

/** An error without a status (inside a stream): guess the status class from its code and type. */
function statusFromCode(code: string, type: string): number {
  if (code === 'invalid_api_key' || type === 'authentication_error') return 401;
  if (type === 'invalid_request_error') return 400;
  if (code === 'model_not_found' || type === 'not_found_error') return 404;
  return 500;
}
