import type { SwitchboardError } from '@switchboard/core';
import type { HttpFailure } from './http-failure.js';

/** The fields every mapped error shares, ready to pass to a core error class. */
export interface BaseErrorOptions {
  /** The human-readable message (the provider's own, when it sent one). */
  message: string;
  /** The provider name. */
  provider: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** The provider's request id. */
  requestId?: string;
  /** How long the provider asked us to wait, in milliseconds. */
  retryAfterMs?: number;
  /** The `x-should-retry` header, when present. */
  shouldRetry?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/** A provider hook that maps failures it recognises (say Azure's content filter) and returns undefined for the rest. */
export type FailureMapper = (failure: HttpFailure, base: BaseErrorOptions) => SwitchboardError | undefined;

/** What error mapping needs to know about the call. */
export interface ErrorContext {
  /** The provider name put on every error. */
  provider: string;
  /** The headers timeout in force, for `TimeoutError.timeoutMs`. */
  timeoutMs?: number;
  /** The call's signal: when it aborted with a Switchboard error as reason, that error is the result. */
  signal?: AbortSignal;
  /** Provider-specific mapping, tried before the generic one. */
  mapFailure?: FailureMapper;
  /** Reads the request id from response headers; defaults to `x-request-id`. */
  readRequestId?: (headers: Headers) => string | undefined;
}
