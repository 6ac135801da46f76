import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { mapServerError } from './map-server-error.js';

describe('mapServerError', () => {
  it.each([
    [
      { type: 'invalid_request_error', code: 'invalid_value', message: 'bad', param: 'session.voice' },
      InvalidRequestError,
    ],
    [{ type: 'server_error', message: 'oops' }, ServerError],
    [{ type: 'rate_limit_error', message: 'slow' }, RateLimitError],
    [{ type: 'invalid_request_error', code: 'rate_limit_exceeded', message: 'slow' }, RateLimitError],
    [{ type: 'authentication_error', message: 'who' }, AuthenticationError],
    [{ type: 'permission_error', message: 'no' }, PermissionError],
    [{ type: 'invalid_request_error', code: 'item_not_found', message: 'gone' }, NotFoundError],
    [{ type: 'something_new', message: '?' }, ServerError],
  ])('maps %o', (details, type) => {
    expect(mapServerError(details, 'openai')).toBeInstanceOf(type);
  });

  it('keeps the param, marks quota and describes the error', () => {
    expect(mapServerError({ type: 'invalid_request_error', message: 'bad', param: 'x' })).toMatchObject({ param: 'x' });
    expect(mapServerError({ type: 'insufficient_quota', code: 'insufficient_quota', message: 'pay' })).toMatchObject({
      kind: 'quota',
    });
    expect(mapServerError({}).message).toBe('Realtime error: no error message');
    expect(mapServerError({ type: 'server_error', code: 'x', message: 'y' }).message).toBe(
      'Realtime server_error (x): y',
    );
    expect(mapServerError({ type: 'unknown', message: 'z' }).retryable).toBe(false);
  });
});
