import { ApiError } from '../http/api-error.js';
import { formatResetDuration } from './duration.js';

/** Which bucket ran out. */
export type LimitKind = 'requests' | 'tokens';

/** Azure names the operation in its 429 message. */
const AZURE_OPERATIONS: Record<string, string> = {
  'chat.completions': 'ChatCompletions_Create',
  embeddings: 'Embeddings_Create',
  'images.generations': 'ImageGenerations_Create',
};

/** Details of a refused request, for the error message. */
export interface LimitFailure {
  kind: LimitKind;
  model: string;
  route: string;
  limit: number;
  used: number;
  requested: number;
  retryAfterMs: number;
  headers: string[];
}

/** The real 429 for a request that does not fit (or can never fit) the limit. */
export function rateLimitError(failure: LimitFailure, azure: boolean): ApiError {
  const never = !Number.isFinite(failure.retryAfterMs);
  const retryMs = never ? 60_000 : Math.max(1, Math.ceil(failure.retryAfterMs));
  const headers = [
    ...failure.headers,
    'retry-after',
    String(Math.ceil(retryMs / 1000)),
    'retry-after-ms',
    String(retryMs),
  ];
  const unit = failure.kind === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
  const message = never
    ? `Request too large for ${failure.model} in organization org-mock on ${unit}: Limit ${failure.limit}, Requested ${failure.requested}. The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.`
    : `Rate limit reached for ${failure.model} in organization org-mock on ${unit}: Limit ${failure.limit}, Used ${failure.used}, Requested ${failure.requested}. Please try again in ${formatResetDuration(retryMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  const operation = AZURE_OPERATIONS[failure.route] ?? 'ChatCompletions_Create';
  const seconds = Math.ceil(retryMs / 1000);
  const azureMessage = `Requests to the ${operation} Operation under Azure OpenAI API version 2024-10-21 have exceeded ${failure.kind === 'requests' ? 'call' : 'token'} rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} second${seconds === 1 ? '' : 's'}. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`;
  return new ApiError(
    429,
    { message: azure ? azureMessage : message, type: failure.kind, param: null, code: 'rate_limit_exceeded' },
    { headers, azureBody: { error: { code: '429', message: azureMessage } } },
  );
}

/** The real `insufficient_quota` 429 (not retryable: no retry-after). */
export function insufficientQuotaError(): ApiError {
  const message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';
  return new ApiError(
    429,
    { message, type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    { azureBody: { error: { code: 'insufficient_quota', message } } },
  );
}
