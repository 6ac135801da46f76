import {
  AuthenticationError,
  isSwitchboardError,
  NetworkError,
  type SwitchboardError,
  TimeoutError,
} from '@switchboard/core';
import { abortReason, linkSignals } from '@switchboard/core/utils';
import type { ErrorContext } from '../errors/error-context.js';
import { readErrorObject } from '../errors/http-failure.js';
import { mapHttpFailure } from '../errors/map-http-failure.js';
import { describe } from '../errors/map-openai-error.js';

/** The headers timeout when none is configured: the openai SDK's default (10 minutes), so behaviour is unchanged. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 600_000;

/**
 * How to reach an OpenAI-compatible API: everything the transport needs to build, authenticate and send a request.
 * `createOpenAIProvider` and `createAzureProvider` build one; a third-party provider describes its own.
 */
export interface OpenAITransport {
  /** The API base URL, without a trailing slash (`https://api.openai.com/v1`). Never holds a key. */
  baseURL: string;
  /**
   * The auth headers of one request (`{ Authorization: 'Bearer …' }`, Azure's `{ 'api-key': … }` or an Entra ID
   * bearer token), called before every request so keys and tokens can rotate. A Switchboard error it throws is the
   * call's error; anything else becomes an `AuthenticationError`.
   */
  auth: (signal?: AbortSignal) => Promise<Record<string, string>> | Record<string, string>;
  /** Query parameters added to every URL (Azure's `api-version`). */
  defaultQuery?: Record<string, string>;
  /** Headers sent with every request (after the auth headers, before per-call headers). */
  defaultHeaders?: Record<string, string>;
  /** The `fetch` to send with; defaults to `globalThis.fetch`, looked up per request. */
  fetch?: typeof fetch;
  /** The headers timeout in milliseconds (the wait for the response headers); per-call `timeoutMs` wins. */
  timeoutMs?: number;
  /**
   * Rewrites the path and body of a request before it is sent (Azure's dated API versions put the deployment in the
   * path and leave `model` out of the body). Defaults to none.
   */
  route?: (path: string, body: Record<string, unknown> | undefined) => { path: string; body?: Record<string, unknown> };
}

/** One request. */
export interface TransportRequest {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'DELETE';
  /** A path below the base URL (`/chat/completions`), or an absolute `http(s)` URL. */
  path: string;
  /** A JSON body. */
  body?: Record<string, unknown>;
  /** The caller's signal (aborts the request and the body read). */
  signal?: AbortSignal | undefined;
  /** The headers timeout of this call (defaults to the transport's, then 10 minutes). */
  timeoutMs?: number | undefined;
  /** Per-call headers (win over every other header). */
  headers?: Record<string, string> | undefined;
  /** The `accept` header; `application/json` unless given. */
  accept?: string;
}

/** An open response with a 2xx status: read its body, then call `release()`. */
export interface OpenResponse {
  response: Response;
  /** Lets go of the caller's signal (the body can no longer be aborted through it). Call it once the body is read. */
  release(): void;
}

/**
 * Sends one request and waits for its response headers, with web-standard APIs only. The URL is the base URL (or an
 * absolute URL) plus the default query; the headers are `accept`, `content-type`, the auth headers (resolved now),
 * the default headers and the per-call ones, in that order of precedence. The headers timeout and the caller's signal
 * go to `fetch` through one linked signal (a shared caller signal keeps a single listener); the timer is cleared as
 * soon as the headers arrive, the link when `release()` is called (or at once on failure).
 *
 * Failures come out typed, as the SDK path mapped them: a non-2xx status → `mapHttpFailure` (status, `error` object,
 * Retry-After, x-should-retry, request id, rate-limit headers, the provider's own mapping), the caller's abort → its
 * Switchboard reason or `AbortedError`, the headers timeout → `TimeoutError` (phase `headers`), anything else on the
 * way → `NetworkError`. No error carries the key: neither the headers nor the auth values are put in one.
 */
export async function openRequest(
  transport: OpenAITransport,
  request: TransportRequest,
  errors: ErrorContext,
): Promise<OpenResponse> {
  const { provider } = errors;
  const caller = request.signal;
  if (caller?.aborted) throw abortReason(caller, provider);
  const routed = transport.route
    ? transport.route(request.path, request.body)
    : { path: request.path, body: request.body };
  const url = buildUrl(transport, routed.path);
  const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
  if (routed.body !== undefined) headers['content-type'] = 'application/json';
  let auth: Record<string, string>;
  try {
    auth = await transport.auth(caller);
  } catch (error) {
    throw authFailure(error, provider);
  }
  const merged = mergeHeaders(headers, auth, transport.defaultHeaders, request.headers);
  const timeoutMs = request.timeoutMs ?? transport.timeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const linked = linkSignals(caller);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    linked.abort(new DOMException('The headers timeout elapsed.', 'TimeoutError'));
  }, timeoutMs);
  let response: Response;
  try {
    const send = transport.fetch ?? globalThis.fetch;
    response = await send(url, {
      method: request.method,
      headers: merged,
      ...(routed.body !== undefined ? { body: JSON.stringify(routed.body) } : {}),
      signal: linked.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    linked.dispose();
    throw fetchFailure(error, { caller, timedOut, timeoutMs, provider });
  }
  clearTimeout(timer);
  if (!response.ok) {
    try {
      throw await statusFailure(response, errors, caller);
    } finally {
      linked.dispose();
    }
  }
  return { response, release: () => linked.dispose() };
}

/** Sends a request and reads the whole body as text (the caller's signal covers the read too). */
export async function requestText(
  transport: OpenAITransport,
  request: TransportRequest,
  errors: ErrorContext,
): Promise<{ response: Response; text: string }> {
  const { response, release } = await openRequest(transport, request, errors);
  try {
    return { response, text: await response.text() };
  } catch (error) {
    throw readFailure(error, request.signal, errors.provider);
  } finally {
    release();
  }
}

function buildUrl(transport: OpenAITransport, path: string): string {
  const absolute = /^https?:\/\//i.test(path);
  const query = transport.defaultQuery;
  const raw = absolute ? path : `${transport.baseURL}${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return raw;
  const url = new URL(raw);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Merges header records, later ones winning, names compared without case. */
function mergeHeaders(...records: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const record of records) {
    if (!record) continue;
    for (const name in record) {
      const value = record[name];
      if (value !== undefined) merged[name.toLowerCase()] = value;
    }
  }
  return merged;
}

function authFailure(error: unknown, provider: string): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  return new AuthenticationError({
    message: `Could not get the credentials for the ${provider} API: ${describe(error)}`,
    provider,
    source: 'client',
    cause: error,
  });
}

function fetchFailure(
  error: unknown,
  state: { caller: AbortSignal | undefined; timedOut: boolean; timeoutMs: number; provider: string },
): SwitchboardError {
  const { caller, provider } = state;
  if (caller?.aborted) return abortReason(caller, provider);
  if (state.timedOut) {
    return new TimeoutError({ phase: 'headers', timeoutMs: state.timeoutMs, provider, cause: error });
  }
  if (isSwitchboardError(error)) return error;
  return new NetworkError({
    message: `Could not reach the ${provider} API: ${describe(error)}`,
    provider,
    cause: error,
  });
}

/** A failure while reading a body: the caller's abort, or the connection going away. */
export function readFailure(error: unknown, caller: AbortSignal | undefined, provider: string): SwitchboardError {
  if (caller?.aborted) return abortReason(caller, provider);
  if (isSwitchboardError(error)) return error;
  return new NetworkError({
    message: `The ${provider} response body could not be read: ${describe(error)}`,
    provider,
    cause: error,
  });
}

async function statusFailure(
  response: Response,
  errors: ErrorContext,
  caller: AbortSignal | undefined,
): Promise<SwitchboardError> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    if (caller?.aborted) return abortReason(caller, errors.provider);
    text = '';
  }
  let rawError: unknown;
  try {
    const json: unknown = JSON.parse(text);
    rawError = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
  } catch {
    rawError = undefined;
  }
  return mapHttpFailure(
    {
      status: response.status,
      error: readErrorObject(rawError),
      rawError,
      headers: response.headers,
      fallbackMessage: `The ${errors.provider} API answered with HTTP ${response.status}.`,
    },
    errors,
  );
}
