import { ContentFilterError, type SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { ErrorContext } from './error-context.js';
import { type HttpFailure, readErrorObject } from './http-failure.js';
import { mapHttpFailure, readRequestId } from './map-http-failure.js';

const context: ErrorContext = { provider: 'openai' };

function failure(status: number | undefined, error: unknown, headers: Record<string, string> = {}): HttpFailure {
  return {
    status,
    error: readErrorObject(error),
    rawError: error,
    headers: new Headers(headers),
    fallbackMessage: 'fallback',
  };
}

function map(status: number | undefined, error: unknown, headers?: Record<string, string>): SwitchboardError {
  return mapHttpFailure(failure(status, error, headers), context);
}

describe('mapHttpFailure', () => {
  it.each([
    [401, 'authentication', false],
    [403, 'permission', false],
    [404, 'not-found', false],
    [400, 'invalid-request', false],
    [413, 'invalid-request', false],
    [422, 'invalid-request', false],
    [408, 'server', true],
    [409, 'server', true],
    [500, 'server', true],
    [502, 'server', true],
    [503, 'server', true],
  ])('HTTP %i → %s (retryable %s)', (status, code, retryable) => {
    const error = map(status, { message: 'msg', type: 'x' }, { 'x-request-id': 'req_1' });
    expect(error).toMatchObject({ code, retryable, status, provider: 'openai', requestId: 'req_1', message: 'msg' });
  });

  it('maps 400 context_length_exceeded, by code or by message, to context-length', () => {
    expect(map(400, { message: 'x', code: 'context_length_exceeded' }).code).toBe('context-length');
    expect(map(400, { message: "This model's maximum context length is 8192 tokens." }).code).toBe('context-length');
  });

  it('tells a rate limit from an exhausted quota', () => {
    const rate = map(
      429,
      { message: 'slow down', code: 'rate_limit_exceeded', type: 'requests' },
      {
        'retry-after-ms': '250',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '1s',
      },
    );
    expect(rate).toMatchObject({ code: 'rate-limit', kind: 'rate', retryable: true, retryAfterMs: 250 });
    expect((rate as SwitchboardError & { rateLimit: unknown }).rateLimit).toEqual({
      remainingRequests: 0,
      resetRequestsMs: 1_000,
    });
    const quota = map(
      429,
      { message: 'no money', type: 'insufficient_quota', code: 'insufficient_quota' },
      { 'x-should-retry': 'true' },
    );
    expect(quota).toMatchObject({ code: 'rate-limit', kind: 'quota', retryable: false, shouldRetry: true });
  });

  it('honours x-should-retry: false on retryable errors', () => {
    expect(map(503, { message: 'x' }, { 'x-should-retry': 'false' })).toMatchObject({
      retryable: false,
      shouldRetry: false,
    });
    expect(map(429, { message: 'x' }, { 'x-should-retry': 'false' })).toMatchObject({ retryable: false });
    expect(map(408, { message: 'x' }, { 'x-should-retry': 'false' })).toMatchObject({ retryable: false });
    expect(map(500, { message: 'x' }, { 'x-should-retry': 'maybe' }).shouldRetry).toBeUndefined();
  });

  it('keeps the offending parameter of an invalid request', () => {
    expect(map(400, { message: 'bad', param: 'temperature' })).toMatchObject({ param: 'temperature' });
  });

  it('maps a content_filter code to a content-filter error', () => {
    expect(map(400, { message: 'filtered', code: 'content_filter' }).code).toBe('content-filter');
  });

  it('classifies stream error payloads (no status) by code and type', () => {
    expect(map(undefined, { message: 'x', type: 'server_error' }).code).toBe('server');
    expect(map(undefined, { message: 'x', code: 'rate_limit_exceeded' })).toMatchObject({
      code: 'rate-limit',
      kind: 'rate',
    });
    expect(map(undefined, { message: 'x', code: 'insufficient_quota' })).toMatchObject({ kind: 'quota' });
    expect(map(undefined, { message: 'x', code: 'invalid_api_key' }).code).toBe('authentication');
    expect(map(undefined, { message: 'x', type: 'invalid_request_error' }).code).toBe('invalid-request');
    expect(map(undefined, { message: 'x', code: 'model_not_found' }).code).toBe('not-found');
    expect(map(undefined, { message: 'x', code: 'context_length_exceeded' }).code).toBe('context-length');
    expect(map(undefined, 'not an object')).toMatchObject({ code: 'server', message: 'fallback' });
    expect(map(undefined, { message: 'x', code: 42 }).code).toBe('server');
  });

  it('lets a provider hook decide first, with the shared fields ready', () => {
    const hooked: ErrorContext = {
      provider: 'azure',
      mapFailure: (f, base) =>
        f.error?.code === 'content_filter'
          ? new ContentFilterError({ ...base, categories: { hate: { filtered: true } } })
          : undefined,
      readRequestId: (headers) => headers.get('apim-request-id') ?? undefined,
    };
    const error = mapHttpFailure(
      failure(400, { message: 'blocked', code: 'content_filter' }, { 'apim-request-id': 'apim-1' }),
      hooked,
    );
    expect(error).toMatchObject({ code: 'content-filter', provider: 'azure', requestId: 'apim-1', status: 400 });
    expect((error as ContentFilterError).filteredCategories).toEqual(['hate']);
    expect(mapHttpFailure(failure(404, { message: 'gone' }), hooked).code).toBe('not-found');
  });

  it('reads the request id only when there are headers', () => {
    expect(readRequestId(undefined, context)).toBeUndefined();
    expect(readRequestId(new Headers(), context)).toBeUndefined();
  });
});
