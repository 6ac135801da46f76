import {
  AbortedError,
  AuthenticationError,
  isSwitchboardError,
  NetworkError,
  type SwitchboardError,
  TimeoutError,
} from '@switchboard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import type { ErrorContext } from './error-context.js';
import { readErrorObject } from './http-failure.js';
import { mapHttpFailure } from './map-http-failure.js';

/** The SDK's default headers timeout, used in messages when none was configured. */
const SDK_DEFAULT_TIMEOUT_MS = 600_000;

/**
 * Maps anything an SDK call or a body read can throw to a core error: `APIError` with a status → the HTTP mapping,
 * `APIUserAbortError` or an `AbortError` → aborted (or the signal's own Switchboard reason), `APIConnectionTimeoutError`
 * → timeout in the `headers` phase, `APIConnectionError` and other failures → network. Switchboard errors pass through.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  const { provider } = context;
  if (error instanceof APIUserAbortError || isAbortError(error) || context.signal?.aborted) {
    return abortedError(error, context);
  }
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
  return new NetworkError({ message: `The ${provider} call failed: ${describe(error)}`, provider, cause: error });
}

function abortedError(error: unknown, context: ErrorContext): SwitchboardError {
  const reason: unknown = context.signal?.reason;
  if (isSwitchboardError(reason)) return reason;
  return new AbortedError({ provider: context.provider, cause: reason ?? error });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError' && !(error instanceof OpenAIError);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
