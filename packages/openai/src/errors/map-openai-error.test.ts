import { AbortedError, TimeoutError } from '@switchboard/core';
import * as sdk from 'openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { mapOpenAIError as mapPlain } from './map-openai-error.js';

const context = { provider: 'openai', timeoutMs: 5_000 };

describe('mapOpenAIError', () => {
  // The SDK's classes come from the caller that loaded the SDK (the Batch API); without them only plain errors map.
  const mapOpenAIError = (error: unknown, context: Parameters<typeof mapPlain>[1]) => mapPlain(error, context, sdk);

  it('maps SDK status errors through the HTTP mapping', () => {
    const error = APIError.generate(
      401,
      {
        error: {
          message: 'Incorrect API key provided: sk-abc12***************************wxyz.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
      undefined,
      new Headers({ 'x-request-id': 'req_9' }),
    );
    const mapped = mapOpenAIError(error, context);
    expect(mapped).toMatchObject({ code: 'authentication', status: 401, requestId: 'req_9' });
    expect(mapped.cause).toBe(error);
  });

  it('uses a fallback message when the error body is empty', () => {
    const mapped = mapOpenAIError(APIError.generate(502, undefined, 'Bad gateway', new Headers()), context);
    expect(mapped).toMatchObject({ code: 'server', status: 502, message: 'The openai API answered with HTTP 502.' });
  });

  it('maps a headers timeout to phase headers with the timeout in force', () => {
    const mapped = mapOpenAIError(new APIConnectionTimeoutError(), context);
    expect(mapped).toBeInstanceOf(TimeoutError);
    expect(mapped).toMatchObject({ phase: 'headers', timeoutMs: 5_000, retryable: true });
    expect(mapOpenAIError(new APIConnectionTimeoutError(), { provider: 'openai' })).toMatchObject({
      timeoutMs: 600_000,
    });
  });

  it('maps connection failures to network errors with the cause in the message', () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:9');
    const mapped = mapOpenAIError(new APIConnectionError({ message: 'Connection error.', cause }), context);
    expect(mapped).toMatchObject({ code: 'network', retryable: true });
    expect(mapped.message).toContain('ECONNREFUSED');
  });

  it('maps aborts, keeping a Switchboard reason of the signal', () => {
    expect(mapOpenAIError(new APIUserAbortError(), context)).toBeInstanceOf(AbortedError);
    const reason = new TimeoutError({ phase: 'idle', timeoutMs: 10 });
    const signal = AbortSignal.abort(reason);
    expect(mapOpenAIError(new DOMException('aborted', 'AbortError'), { ...context, signal })).toBe(reason);
    expect(mapOpenAIError(new Error('whatever'), { ...context, signal: AbortSignal.abort('stop') })).toMatchObject({
      code: 'aborted',
    });
    const domAbort = new DOMException('The operation was aborted.', 'AbortError');
    expect(mapOpenAIError(domAbort, context).code).toBe('aborted');
  });

  it('unwraps a Switchboard error thrown by an apiKey function', () => {
    const inner = new AbortedError({ message: 'vault closed' });
    const wrapped = new OpenAIError("Failed to get token from 'apiKey' function: vault closed", { cause: inner });
    expect(mapOpenAIError(wrapped, context)).toBe(inner);
  });

  it('maps other SDK errors (a failing key function) to authentication', () => {
    const mapped = mapOpenAIError(new OpenAIError("Failed to get token from 'apiKey' function: boom"), context);
    expect(mapped).toMatchObject({ code: 'authentication', source: 'client' });
  });

  it('passes Switchboard errors through and wraps anything else as network', () => {
    const own = new AbortedError();
    expect(mapOpenAIError(own, context)).toBe(own);
    expect(mapOpenAIError(new TypeError('fetch failed'), context)).toMatchObject({ code: 'network' });
    expect(mapOpenAIError('plain string', context).message).toContain('plain string');
  });

  it('without the SDK classes: Switchboard errors pass through, aborts and the rest map plainly', () => {
    const own = new AbortedError();
    expect(mapPlain(own, context)).toBe(own);
    expect(mapPlain(new DOMException('aborted', 'AbortError'), context)).toBeInstanceOf(AbortedError);
    const reason = new TimeoutError({ phase: 'first-token', timeoutMs: 10 });
    expect(mapPlain(new Error('x'), { ...context, signal: AbortSignal.abort(reason) })).toBe(reason);
    expect(mapPlain(new TypeError('fetch failed'), context)).toMatchObject({ code: 'network', provider: 'openai' });
  });
});
