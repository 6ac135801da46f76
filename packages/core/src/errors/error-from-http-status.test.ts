import { describe, expect, it } from 'vitest';
import { errorFromHttpStatus } from './error-from-http-status.js';

const base = { message: 'failed', provider: 'openai' };

describe('errorFromHttpStatus', () => {
  it.each([
    [{ status: 401 }, 'authentication', false],
    [{ status: 403 }, 'permission', false],
    [{ status: 404 }, 'not-found', false],
    [{ status: 400 }, 'invalid-request', false],
    [{ status: 413 }, 'invalid-request', false],
    [{ status: 422 }, 'invalid-request', false],
    [{ status: 408 }, 'server', true],
    [{ status: 409 }, 'server', true],
    [{ status: 500 }, 'server', true],
    [{ status: 503 }, 'server', true],
    [{ status: 429 }, 'rate-limit', true],
    [{ status: 429, code: 'insufficient_quota' }, 'rate-limit', false],
    [{ status: 429, type: 'insufficient_quota' }, 'rate-limit', false],
    [{ status: 400, code: 'context_length_exceeded' }, 'context-length', false],
    [{ status: 400, code: 'content_filter' }, 'content-filter', false],
    [{ code: 'rate_limit_exceeded' }, 'rate-limit', true],
    [{ code: 'invalid_api_key' }, 'authentication', false],
    [{ type: 'invalid_request_error' }, 'invalid-request', false],
    [{ code: 'model_not_found' }, 'not-found', false],
    [{ code: 'unknown' }, 'server', true],
    [{ code: 42 }, 'server', true],
  ])('%j → %s (retryable %s)', (details, code, retryable) => {
    const error = errorFromHttpStatus(details, base);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('recognises a context-length 400 by its message and keeps the param of an invalid request', () => {
    const message = "This model's maximum context length is 8192 tokens.";
    expect(errorFromHttpStatus({ status: 400 }, { ...base, message }).code).toBe('context-length');
    expect(errorFromHttpStatus({ status: 400, param: 'temperature' }, base).toJSON().param).toBe('temperature');
  });

  it('honours x-should-retry: false and attaches rate-limit state to rate-limit errors only', () => {
    expect(errorFromHttpStatus({ status: 503 }, { ...base, shouldRetry: false }).retryable).toBe(false);
    expect(errorFromHttpStatus({ status: 429 }, { ...base, shouldRetry: false }).retryable).toBe(false);
    const rateLimit = { remainingRequests: 0 };
    expect(errorFromHttpStatus({ status: 429 }, { ...base, rateLimit })).toMatchObject({ kind: 'rate', rateLimit });
    expect(errorFromHttpStatus({ status: 500 }, { ...base, rateLimit })).not.toHaveProperty('rateLimit');
  });
});
