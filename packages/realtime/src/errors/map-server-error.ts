import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  type SwitchboardError,
} from '@switchboard/core';
import type { RealtimeErrorDetails } from '../events/server/shared-schemas.js';

/**
 * The typed error for an `error` server event (or a failed response's `status_details.error`), so helpers can
 * reject with the same error classes the HTTP providers throw.
 */
export function mapServerError(details: Partial<RealtimeErrorDetails>, provider?: string): SwitchboardError {
  const type = details.type ?? '';
  const code = details.code ?? '';
  const message = `Realtime ${type || 'error'}${code ? ` (${code})` : ''}: ${details.message ?? 'no error message'}`;
  const options = { message, provider };
  if (type === 'rate_limit_error' || code === 'rate_limit_exceeded') return new RateLimitError(options);
  if (code === 'insufficient_quota') return new RateLimitError({ ...options, kind: 'quota' });
  if (type === 'authentication_error' || code === 'invalid_api_key') return new AuthenticationError(options);
  if (type === 'permission_error') return new PermissionError(options);
  if (type === 'not_found_error' || code.endsWith('not_found')) return new NotFoundError(options);
  if (type === 'invalid_request_error')
    return new InvalidRequestError({ ...options, param: details.param ?? undefined });
  if (type === 'server_error') return new ServerError(options);
  return new ServerError({ ...options, retryable: false });
}
