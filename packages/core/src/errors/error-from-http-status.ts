import type { RateLimitInfo } from '../types/usage.js';
import {
  AuthenticationError,
  ContentFilterError,
  ContextLengthError,
  type ErrorClassOptions,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from './error-classes.js';
import type { SwitchboardError } from './switchboard-error.js';

/** What an OpenAI-style failure said: its HTTP status (absent inside a stream) and the body's error fields. */
export interface HttpErrorDetails {
  /** HTTP status; undefined for an error that arrived inside a 200 stream. */
  status?: number | undefined;
  /** The body's `error.code`. */
  code?: string | number | null | undefined;
  /** The body's `error.type`. */
  type?: string | null | undefined;
  /** The body's `error.param`. */
  param?: string | null | undefined;
}

const CONTEXT_LENGTH_MESSAGE = /maximum context length|context window|too many tokens in the prompt/i;

/**
 * The core error for an OpenAI-style HTTP failure — the one mapping every package uses (HTTP calls, realtime
 * upgrades, Batch API result lines): 429 or a rate-limit code → rate-limit (`insufficient_quota` → kind `quota`, never
 * retryable), `context_length_exceeded` (or a 400 that says so) → context-length, `content_filter` →
 * content-filter, 401 → authentication, 403 → permission, 404 → not-found, 408/409/5xx → server, anything else →
 * invalid-request. Without a status the code and type decide. `shouldRetry: false` (the `x-should-retry` header)
 * makes a retryable error non-retryable.
 */
export function errorFromHttpStatus(
  details: HttpErrorDetails,
  options: ErrorClassOptions & { rateLimit?: RateLimitInfo | undefined },
): SwitchboardError {
  const code = details.code === undefined || details.code === null ? '' : String(details.code);
  const type = details.type ?? '';
  const status = details.status ?? statusFromCode(code, type);
  const { rateLimit, ...base } = options;
  const retryable = base.shouldRetry === false ? { retryable: false } : {};

  if (status === 429 || code === 'rate_limit_exceeded' || code === 'insufficient_quota') {
    const quota = code === 'insufficient_quota' || type === 'insufficient_quota';
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
  if (status === 401) return new AuthenticationError(base);
  if (status === 403) return new PermissionError(base);
  if (status === 404) return new NotFoundError(base);
  if (status === 408 || status === 409 || status >= 500) return new ServerError({ ...base, ...retryable });
  return new InvalidRequestError({ ...base, ...(details.param ? { param: details.param } : {}) });
}

/** An error without a status (inside a stream): the status class its code and type imply. */
function statusFromCode(code: string, type: string): number {
  if (code === 'invalid_api_key' || type === 'authentication_error') return 401;
  if (type === 'invalid_request_error') return 400;
  if (code === 'model_not_found' || type === 'not_found_error') return 404;
  return 500;
}
