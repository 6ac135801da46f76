import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../templates/prompt-template.js';
import {
  AbortedError,
  AuthenticationError,
  CircuitOpenError,
  ConfigError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  ParseError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnsupportedError,
} from './error-classes.js';
import { maskSecret, redactSecrets } from './redact.js';
import { isSwitchboardError, SwitchboardError } from './switchboard-error.js';
import { toSwitchboardError } from './to-switchboard-error.js';

const CANARY = 'sk-proj-CANARYcanaryCANARYcanary1234567890abcd';
const AZURE_CANARY = '0123456789abcdef0123456789abcdef';

describe('error taxonomy', () => {
  it.each([
    [new AuthenticationError({ message: 'x', status: 401 }), 'authentication', false],
    [new PermissionError({ message: 'x', status: 403 }), 'permission', false],
    [new RateLimitError({ message: 'x', status: 429 }), 'rate-limit', true],
    [new RateLimitError({ message: 'x', status: 429, kind: 'quota' }), 'rate-limit', false],
    [new ContextLengthError({ message: 'x' }), 'context-length', false],
    [new ContentFilterError({ message: 'x' }), 'content-filter', false],
    [new InvalidRequestError({ message: 'x' }), 'invalid-request', false],
    [new NotFoundError({ message: 'x' }), 'not-found', false],
    [new ServerError({ message: 'x', status: 503 }), 'server', true],
    [new NetworkError({ message: 'x' }), 'network', true],
    [new TimeoutError({ phase: 'idle', timeoutMs: 5 }), 'timeout', true],
    [new ParseError({ message: 'x', raw: '{' }), 'parse', false],
    [new CircuitOpenError({ message: 'x', key: 'openai:gpt-4o' }), 'circuit-open', false],
    [new AbortedError(), 'aborted', false],
    [new ConfigError({ issues: [{ path: 'a', message: 'b' }] }), 'config', false],
    [new UnsupportedError({ message: 'x' }), 'unsupported', false],
  ])('%s has a stable code and retryability', (error, code, retryable) => {
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toBeInstanceOf(Error);
    expect(isSwitchboardError(error)).toBe(true);
    expect(error.errorId).toMatch(/^err_[0-9a-f]{20}$/);
    expect(Date.parse(error.timestamp)).not.toBeNaN();
    expect(error.name).toBe(error.constructor.name);
  });

  it('a quota error is never retryable, even if asked', () => {
    const quota = new RateLimitError({ message: 'quota', kind: 'quota', retryable: true });
    expect(quota.retryable).toBe(false);
    expect(quota.severity).toBe('fatal');
    expect(quota.toJSON()).toMatchObject({ kind: 'quota' });
  });

  it('recognises errors from a duplicate copy of the package through the brand', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'server' });
    Object.defineProperty(foreign, Symbol.for('switchboard.error'), { value: true });
    expect(isSwitchboardError(foreign)).toBe(true);
    expect(SwitchboardError.isInstance(foreign)).toBe(true);
    expect(isSwitchboardError(new Error('plain'))).toBe(false);
    expect(isSwitchboardError(null)).toBe(false);
    expect(isSwitchboardError('server')).toBe(false);
  });

  it('gives every class a static guard that works across copies, by brand and code', () => {
    const foreign = (fields: Record<string, unknown>) => {
      const error = Object.assign(new Error('from another copy'), fields);
      Object.defineProperty(error, Symbol.for('switchboard.error'), { value: true });
      return error;
    };
    const quota: unknown = foreign({ code: 'rate-limit', kind: 'quota', name: 'RateLimitError' });
    expect(RateLimitError.isInstance(quota)).toBe(true);
    if (RateLimitError.isInstance(quota)) expect(quota.kind).toBe('quota');
    expect(ServerError.isInstance(quota)).toBe(false);
    expect(RateLimitError.isInstance({ code: 'rate-limit' })).toBe(false);
    expect(TimeoutError.isInstance(new TimeoutError({ phase: 'idle', timeoutMs: 1 }))).toBe(true);
    expect(TemplateError.isInstance(foreign({ code: 'template' }))).toBe(true);
    class CustomError extends SwitchboardError {
      constructor() {
        super('server', { message: 'custom' });
      }
    }
    expect(CustomError.isInstance(new CustomError())).toBe(true);
    expect(CustomError.isInstance(new ServerError({ message: 'plain server error' }))).toBe(false);
  });

  it('serialises to JSON with its details and a summarised cause', () => {
    const cause = new ServerError({ message: 'inner', status: 502 });
    const error = new TimeoutError({
      phase: 'first-token',
      timeoutMs: 1500,
      provider: 'openai',
      requestId: 'req_1',
      cause,
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'TimeoutError',
      code: 'timeout',
      phase: 'first-token',
      timeoutMs: 1500,
      provider: 'openai',
      requestId: 'req_1',
      retryable: true,
      source: 'client',
      cause: { code: 'server', status: 502 },
    });
    expect(json.message).toBe('Timed out after 1500 ms waiting for the first token of the stream.');
    expect(json).not.toHaveProperty('retryAfterMs');
    expect(new ServerError({ message: 'x', cause: 'text cause' }).toJSON().cause).toBe('text cause');
    expect(new ServerError({ message: 'x', cause: 42 }).toJSON().cause).toBeUndefined();
  });

  it('describes each timeout phase', () => {
    expect(new TimeoutError({ phase: 'headers', timeoutMs: 1 }).message).toContain('response headers');
    expect(new TimeoutError({ phase: 'idle', timeoutMs: 1 }).message).toContain('next chunk');
    expect(new TimeoutError({ phase: 'total', timeoutMs: 1 }).message).toContain('whole call');
  });

  it('keeps a short excerpt in parse errors', () => {
    const raw = `{"data": "${'x'.repeat(500)}`;
    const error = new ParseError({ message: 'Malformed JSON in the response', raw });
    expect(error.excerpt.length).toBe(201);
    expect(error.message).toContain('Malformed JSON in the response (received: "{\\"data\\"');
    expect(error.toJSON().excerpt).toBe(error.excerpt);
  });

  it('lists filtered content categories', () => {
    const error = new ContentFilterError({
      message: 'blocked',
      categories: { hate: { filtered: true, severity: 'high' }, violence: { filtered: false, severity: 'safe' } },
    });
    expect(error.filteredCategories).toEqual(['hate']);
    expect(error.toJSON().categories).toMatchObject({ hate: { severity: 'high' } });
  });

  it('names every config problem', () => {
    const error = new ConfigError({
      issues: [
        { path: 'openai.apiKey', message: 'is required', variable: 'OPENAI_API_KEY' },
        { path: 'openai.baseURL', message: 'must be a URL' },
      ],
    });
    expect(error.message).toBe(
      'Invalid configuration (2 problems):\n  - openai.apiKey (from OPENAI_API_KEY): is required\n  - openai.baseURL: must be a URL',
    );
    expect(new ConfigError({ issues: [{ path: 'a', message: 'b' }] }).message).toContain('(1 problem)');
  });

  it('adds invalid-request param and circuit key to JSON', () => {
    expect(new InvalidRequestError({ message: 'x', param: 'temperature' }).toJSON().param).toBe('temperature');
    expect(new CircuitOpenError({ message: 'x', key: 'k' }).toJSON().key).toBe('k');
  });
});

describe('secrets never leak', () => {
  const errors = () => [
    new AuthenticationError({ message: `Incorrect API key provided: ${CANARY}.`, status: 401 }),
    new ServerError({ message: 'upstream', cause: new Error(`proxy said Authorization: Bearer ${CANARY}`) }),
    new ParseError({ message: 'bad body', raw: `{"api-key": "${AZURE_CANARY}", "key": "${CANARY}"}` }),
    new NetworkError({ message: `request to https://x?api-key=${AZURE_CANARY} failed` }),
  ];

  it.each(errors())('in message, toJSON and util.inspect (%#)', (error) => {
    for (const text of [
      error.message,
      JSON.stringify(error),
      inspect(error),
      inspect(error, { depth: 10 }),
      String(error.stack),
    ]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY.slice(12));
      expect(text).not.toContain(AZURE_CANARY);
    }
  });

  it('masks keys, bearer tokens, api-key values and JWTs', () => {
    expect(redactSecrets(`key ${CANARY} end`)).toBe('key sk-proj-*** end');
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer abcd***');
    expect(redactSecrets(`api-key: ${AZURE_CANARY}`)).toBe('api-key: 0123***');
    expect(redactSecrets('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig_part')).toBe('eyJh***');
    expect(redactSecrets('nothing secret here, req_0123456789abcdef0123456789abcdef')).toBe(
      'nothing secret here, req_0123456789abcdef0123456789abcdef',
    );
  });

  it('leaves prose after an apiKey label alone', () => {
    expect(redactSecrets('azure.apiKey: does not look like an Azure OpenAI key')).toBe(
      'azure.apiKey: does not look like an Azure OpenAI key',
    );
    expect(redactSecrets('api_key=abcdefghijklmnop1234')).toBe('api_key=abcd***');
  });

  it('maskSecret keeps at most a short prefix', () => {
    expect(maskSecret('short')).toBe('***');
    expect(maskSecret('sk-abcdefghijklmnopqrstuvwxyz')).toBe('sk-***');
    expect(maskSecret('sk-svcacct-abcdefghijklmnop')).toBe('sk-svcacct-***');
    expect(maskSecret('abcdefghijkl')).toBe('abcd***');
  });
});

describe('toSwitchboardError', () => {
  it('passes Switchboard errors through', () => {
    const error = new ServerError({ message: 'x' });
    expect(toSwitchboardError(error)).toBe(error);
  });

  it('maps AbortError to AbortedError', () => {
    const abort = new DOMException('aborted', 'AbortError');
    const mapped = toSwitchboardError(abort, 'openai');
    expect(mapped).toBeInstanceOf(AbortedError);
    expect(mapped.provider).toBe('openai');
  });

  it('wraps anything else as a network error with the cause', () => {
    const mapped = toSwitchboardError(new Error('ECONNRESET'));
    expect(mapped).toBeInstanceOf(NetworkError);
    expect(mapped.message).toBe('Unexpected failure: ECONNRESET');
    expect(toSwitchboardError('weird').message).toBe('Unexpected failure: weird');
  });
});
