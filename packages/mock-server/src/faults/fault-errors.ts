import { ApiError } from '../http/api-error.js';

interface StatusBody {
  message: string;
  type: string;
  azureCode: string;
}

const BODIES: Record<number, StatusBody> = {
  408: { message: 'Request timed out.', type: 'timeout', azureCode: 'Timeout' },
  409: {
    message: 'The request conflicted with another request. Please try again.',
    type: 'invalid_request_error',
    azureCode: 'Conflict',
  },
  429: { message: 'Rate limit reached. Please try again later.', type: 'requests', azureCode: '429' },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    azureCode: 'InternalServerError',
  },
  502: { message: 'Bad gateway.', type: 'cf_bad_gateway', azureCode: 'BadGateway' },
  503: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    azureCode: 'ServiceUnavailable',
  },
  504: { message: 'Gateway timeout.', type: 'cf_gateway_timeout', azureCode: 'GatewayTimeout' },
};

/** The error a `status` fault answers with: the body the real services send for that status. */
export function faultStatusError(
  status: number,
  retryAfterSeconds: number | undefined,
  shouldRetry?: boolean,
): ApiError {
  const known = BODIES[status] ?? {
    message: `Injected failure (HTTP ${status}).`,
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    azureCode: String(status),
  };
  const headers =
    retryAfterSeconds === undefined
      ? []
      : ['retry-after', String(retryAfterSeconds), 'retry-after-ms', String(retryAfterSeconds * 1000)];
  if (shouldRetry !== undefined) headers.push('x-should-retry', String(shouldRetry));
  return new ApiError(
    status,
    { message: known.message, type: known.type, code: status === 429 ? 'rate_limit_exceeded' : null },
    { headers, azureBody: { error: { code: known.azureCode, message: known.message } } },
  );
}
