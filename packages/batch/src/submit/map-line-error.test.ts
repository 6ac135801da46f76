import { describe, expect, it } from 'vitest';
import { lineOutcome, mapLineError, partError } from './map-line-error.js';

const line = (status: number | undefined, code: string) => ({
  customId: 'a',
  status,
  requestId: 'req_1',
  error: { code, message: `${code}!` },
});

describe('mapLineError', () => {
  it.each([
    [400, 'invalid_value', 'invalid-request', false],
    [422, 'x', 'invalid-request', false],
    [401, 'invalid_api_key', 'authentication', false],
    [403, 'x', 'permission', false],
    [404, 'model_not_found', 'not-found', false],
    [429, 'rate_limit_exceeded', 'rate-limit', true],
    [429, 'insufficient_quota', 'rate-limit', false],
    [400, 'content_filter', 'content-filter', false],
    [400, 'context_length_exceeded', 'context-length', false],
    [500, 'server_error', 'server', true],
    [408, 'timeout', 'server', true],
    [409, 'conflict', 'server', true],
    [413, 'too_large', 'invalid-request', false],
    [undefined, 'weird', 'server', true],
    [undefined, 'batch_expired', 'timeout', true],
    [undefined, 'batch_cancelled', 'aborted', false],
  ])('status %s code %s is %s (retryable %s)', (status, code, expected, retryable) => {
    const error = mapLineError(line(status, code), 'openai');
    expect(error).toMatchObject({ code: expected, retryable, provider: 'openai', requestId: 'req_1' });
    expect(error.message).toContain(code);
  });

  it('names the outcome', () => {
    expect(lineOutcome(line(undefined, 'batch_expired'))).toBe('expired');
    expect(lineOutcome(line(undefined, 'batch_cancelled'))).toBe('cancelled');
    expect(lineOutcome(line(500, 'x'))).toBe('failed');
    expect(mapLineError({ customId: 'z' }, 'p').message).toContain('unknown');
  });

  it('explains requests no file mentions', () => {
    expect(partError('batch-failed', 'a', 'p', 'bad file')).toMatchObject({
      code: 'invalid-request',
      retryable: false,
    });
    expect(partError('batch-failed', 'a', 'p', 'bad file').message).toContain('bad file');
    expect(partError('expired', 'a', 'p', '')).toMatchObject({ code: 'timeout', retryable: true });
    expect(partError('cancelled', 'a', 'p', '')).toMatchObject({ code: 'aborted' });
    expect(partError('missing', 'a', 'p', '')).toMatchObject({ code: 'server', retryable: true });
  });
});
