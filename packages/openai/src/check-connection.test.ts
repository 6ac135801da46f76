import {
  AuthenticationError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  type SwitchboardError,
  TimeoutError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { testContext } from './__fixtures__/test-context.js';
import { checkConnection } from './check-connection.js';

function failingWith(error: SwitchboardError) {
  return testContext({
    probe: async () => {
      throw error;
    },
  });
}

describe('checkConnection', () => {
  it('uses the provider’s probe and reports success', async () => {
    let calledWith: unknown;
    const status = await checkConnection(
      testContext({
        probe: async (send) => {
          calledWith = send;
        },
      }),
    );
    expect(status).toMatchObject({ ok: true, provider: 'openai', endpoint: 'http://127.0.0.1:9/v1' });
    expect(calledWith).toBeTypeOf('function');
  });

  it.each([
    [new AuthenticationError({ message: 'x', status: 401 }), false, /key was rejected/],
    [new PermissionError({ message: 'x' }), false, /not allowed/],
    [new NotFoundError({ message: 'x' }), false, /check the base URL/],
    [new RateLimitError({ message: 'x' }), true, /rate limiting/],
    [new RateLimitError({ message: 'x', kind: 'quota' }), false, /no quota/],
    [new TimeoutError({ phase: 'headers', timeoutMs: 250 }), false, /within 250 ms/],
    [new NetworkError({ message: 'ECONNREFUSED' }), false, /Could not reach .*ECONNREFUSED/],
    [new ServerError({ message: 'x' }), false, /is failing \(HTTP 5xx\)/],
    [new InvalidRequestError({ message: 'weird' }), false, /answered with an error: weird/],
  ])('explains %s', async (error, ok, problem) => {
    const status = await checkConnection(failingWith(error));
    expect(status.ok).toBe(ok);
    expect(status.problem).toMatch(problem);
    expect(status.error).toBe(error);
  });
});
