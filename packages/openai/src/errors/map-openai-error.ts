import {
  AbortedError,
  AuthenticationError,
  isSwitchboardError,
  NetworkError,
  type SwitchboardError,
  TimeoutError,
} from '@switchboard/core';
import type { OpenAISdk } from '../provider/files-client.js';
import type { ErrorContext } from './error-context.js';
import { readErrorObject } from './http-failure.js';
import { mapHttpFailure } from './map-http-failure.js';

/** The SDK's default headers timeout, used in messages when none was configured. */
const SDK_DEFAULT_TIMEOUT_MS = 600_000;

/** The SDK's error classes, passed in by callers that loaded the SDK (the Batch API), so this module never loads it. */
export type SdkErrorClasses = Pick<
  OpenAISdk,
  'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIError' | 'APIUserAbortError' | 'OpenAIError'
>;

/**
 * Maps anything a call or a body read can throw to a core error. Switchboard errors (what the transport throws) pass
 * through; an `AbortError` → aborted (or the signal's own Switchboard reason); other failures → network. With the
 * SDK's classes (Batch API calls): `APIError` with a status → the HTTP mapping, `APIUserAbortError` → aborted,
 * `APIConnectionTimeoutError` → timeout in the `headers` phase, `APIConnectionError` → network.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext, sdk?: SdkErrorClasses): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  if (!sdk) return mapPlainError(error, context);
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } = sdk;
  const { provider } = context;
  const sdkAbort = error instanceof APIUserAbortError || (isAbortError(error) && !(error instanceof OpenAIError));
  if (sdkAbort || context.signal?.aborted) return abortedError(error, context);
  if (error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({
      phase: 'headers',
      timeoutMs: context.timeoutMs ?? SDK_DEFAULT_TIMEOUT_MS,
      provider,
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    return new NetworkError({
      message: `Could not reach the ${provider} API: ${describe(error)}`,
      provider,
      cause: error,
    });
  }
  if (error instanceof APIError && error.status !== undefined) {
    return mapHttpFailure(
      {
        status: error.status,
        error: readErrorObject(error.error),
        rawError: error.error,
        headers: error.headers,
        fallbackMessage: `The ${provider} API answered with HTTP ${error.status}.`,
      },
      context,
      error,
    );
  }
  if (error instanceof OpenAIError) {
    // The SDK wraps a failing `apiKey` function; a Switchboard error thrown by that function is the real answer.
    if (isSwitchboardError(error.cause)) return error.cause;
    return new AuthenticationError({ message: error.message, provider, source: 'client', cause: error });
  }
  return mapPlainError(error, context);
}

/** Anything that is not an SDK error: an abort (or an aborted signal) → aborted, the rest → network. */
function mapPlainError(error: unknown, context: ErrorContext): SwitchboardError {
  if (isAbortError(error) || context.signal?.aborted) return abortedError(error, context);
  const { provider } = context;
  return new NetworkError({ message: `The ${provider} call failed: ${describe(error)}`, provider, cause: error });
}

function abortedError(error: unknown, context: ErrorContext): SwitchboardError {
  const reason: unknown = context.signal?.reason;
  if (isSwitchboardError(reason)) return reason;
  return new AbortedError({ provider: context.provider, cause: reason ?? error });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** An error's message with its cause's, for the message of a wrapping error. */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
