import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { mapUpgradeFailure } from './map-upgrade-failure.js';

const openAIBody = (message: string, code: string | null = null, type = 'invalid_request_error') =>
  JSON.stringify({ error: { message, type, code, param: null } });

describe('mapUpgradeFailure', () => {
  it.each([
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [400, InvalidRequestError],
    [408, ServerError],
    [500, ServerError],
    [503, ServerError],
  ])('maps HTTP %i to its typed error', (status, type) => {
    const error = mapUpgradeFailure({ status, headers: {}, body: openAIBody('nope'), provider: 'openai' });
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, provider: 'openai' });
    expect(error.message).toBe(`Realtime connection refused (HTTP ${status}): nope`);
  });

  it('reads Retry-After and the request id, and tells rate limits from quota', () => {
    const rate = mapUpgradeFailure({
      status: 429,
      headers: { 'retry-after-ms': '1500', 'retry-after': '2', 'x-request-id': ['req_1'] },
      body: openAIBody('slow down', 'rate_limit_exceeded', 'requests'),
    });
    expect(rate).toBeInstanceOf(RateLimitError);
    expect(rate).toMatchObject({ kind: 'rate', retryable: true, retryAfterMs: 1500, requestId: 'req_1' });
    const seconds = mapUpgradeFailure({ status: 429, headers: { 'retry-after': '2' }, body: '' });
    expect(seconds.retryAfterMs).toBe(2000);
    const quota = mapUpgradeFailure({ status: 429, headers: {}, body: openAIBody('pay up', 'insufficient_quota') });
    expect(quota).toMatchObject({ kind: 'quota', retryable: false });
  });

  it('understands the Azure error shape and bodies that are not JSON', () => {
    const azure = mapUpgradeFailure({
      status: 404,
      headers: { 'apim-request-id': 'apim-1' },
      body: JSON.stringify({ error: { code: 'DeploymentNotFound', message: 'The API deployment does not exist.' } }),
      provider: 'azure',
    });
    expect(azure.message).toBe(
      'Realtime connection refused (HTTP 404 DeploymentNotFound): The API deployment does not exist.',
    );
    expect(azure.requestId).toBe('apim-1');
    expect(mapUpgradeFailure({ status: 502, headers: {}, body: '<html>' }).message).toContain('no error message');
    expect(
      mapUpgradeFailure({ status: 422, headers: { 'retry-after': 'soon' }, body: '{}' }).retryAfterMs,
    ).toBeUndefined();
  });

  it('masks a key the server echoed', () => {
    const error = mapUpgradeFailure({
      status: 401,
      headers: {},
      body: openAIBody('Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz123456.', 'invalid_api_key'),
    });
    expect(error.message).not.toContain('abcdefghijklmnopqrstuvwxyz123456');
  });
});
