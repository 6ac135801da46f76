import { inspect } from 'node:util';
import { ConfigError } from '@switchboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isBrowserLike } from './browser-guard.js';
import { checkOpenAIKeyFormat } from './check-openai-key-format.js';
import { readOpenAIEnv } from './openai-env.js';
import { parseOpenAIOptions } from './openai-options.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('checkOpenAIKeyFormat', () => {
  it.each([
    'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
    'sk-proj-abcdefghijklmnopqrstuvwxyz_0123456789-ABC',
    'sk-svcacct-abcdefghijklmnopqrstuvwxyz0123',
    'sk-admin-abcdefghijklmnopqrstuvwxyz0123',
  ])('accepts key shape %#', (key) => {
    expect(checkOpenAIKeyFormat(key)).toBeUndefined();
  });

  it('says what was expected without any part of the key', () => {
    const key = 'sk-svcacct-ZZZZ';
    const problem = checkOpenAIKeyFormat(key) ?? '';
    expect(problem).toBe(
      'does not look like an OpenAI key (expected a key starting with sk-, sk-proj- or sk-svcacct-)',
    );
    expect(checkOpenAIKeyFormat(`${KEY}\n`)).toBe('has leading or trailing white space');
  });
});

describe('parseOpenAIOptions', () => {
  it('accepts a complete config, a key function, and any key shape on a custom base URL', () => {
    const fetchImpl: typeof fetch = async () => new Response();
    const parsed = parseOpenAIOptions({
      apiKey: KEY,
      organization: 'org_1',
      project: 'proj_1',
      defaultHeaders: { 'x-team': 'a' },
      timeoutMs: 1000,
      fetch: fetchImpl,
      modelAliases: { fast: 'gpt-5-nano' },
      dangerouslyAllowBrowser: false,
    });
    expect(parsed.fetch).toBe(fetchImpl);
    expect(() => parseOpenAIOptions({ apiKey: async () => KEY })).not.toThrow();
    expect(() => parseOpenAIOptions({ apiKey: 'test-key', baseURL: 'http://127.0.0.1:4010/v1' })).not.toThrow();
  });

  it('names every problem at once, unknown keys with a hint, the key format too, never the key', () => {
    const badKey = 'pk-secret-value-that-must-not-leak-0000';
    const error = configError(() =>
      parseOpenAIOptions({
        apiKey: badKey,
        baseURL: 'ftp://api.openai.com/v1',
        timeoutMs: -5,
        organisation: 'typo',
        defaultHeaders: { a: 1 },
        temprature: 1,
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'openai.apiKey',
      'openai.baseURL',
      'openai.defaultHeaders.a',
      'openai.organisation',
      'openai.temprature',
      'openai.timeoutMs',
    ]);
    expect(error.issues.find((i) => i.path === 'openai.organisation')?.message).toBe(
      'is not a known option (did you mean organization?)',
    );
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain('secret');
  });

  it('checks the key format against the official endpoint, with other problems', () => {
    const error = configError(() => parseOpenAIOptions({ apiKey: 'pk-secret-value-0000', timeoutMs: 'x' }));
    expect(error.issues).toEqual([
      { path: 'openai.timeoutMs', message: expect.any(String) },
      { path: 'openai.apiKey', message: expect.stringContaining('expected a key starting with sk-') },
    ]);
    expect(error.message).not.toContain('secret');
  });

  it('takes api (chat-completions or responses) and names an unknown value with the other problems', () => {
    const key = 'sk-test-0123456789abcdefghij';
    expect(parseOpenAIOptions({ apiKey: key, baseURL: 'http://127.0.0.1:1/v1', api: 'responses' }).api).toBe(
      'responses',
    );
    const error = configError(() =>
      parseOpenAIOptions({ apiKey: key, baseURL: 'http://127.0.0.1:1/v1', api: 'assistants', timeoutMs: 0 }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['openai.api', 'openai.timeoutMs']);
    expect(error.message).toContain("'chat-completions' or 'responses'");
  });

  it('reports a missing key as required, and a non-object', () => {
    expect(configError(() => parseOpenAIOptions({})).issues).toEqual([
      { path: 'openai.apiKey', message: expect.stringMatching(/required|string or a function/) },
    ]);
    expect(configError(() => parseOpenAIOptions('nope')).issues[0]?.path).toBe('openai');
  });
});

describe('browser guard', () => {
  const scope = globalThis as { window?: unknown };
  afterEach(() => {
    delete scope.window;
  });

  it('refuses a browser page unless dangerouslyAllowBrowser is set', () => {
    expect(isBrowserLike()).toBe(false);
    scope.window = { document: {} };
    expect(isBrowserLike()).toBe(true);
    const error = configError(() => parseOpenAIOptions({ apiKey: KEY }));
    expect(error.issues).toEqual([
      { path: 'openai.dangerouslyAllowBrowser', message: expect.stringContaining('readable by every visitor') },
    ]);
    expect(parseOpenAIOptions({ apiKey: KEY, dangerouslyAllowBrowser: true }).dangerouslyAllowBrowser).toBe(true);
  });
});

describe('readOpenAIEnv', () => {
  it('reads the OpenAI variables, nothing when neither key nor base URL is set', () => {
    expect(
      readOpenAIEnv({
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: 'https://api.openai.com/v1',
        OPENAI_ORG_ID: 'org_1',
        OPENAI_PROJECT_ID: ' proj_1 ',
      }).options,
    ).toEqual({ apiKey: KEY, baseURL: 'https://api.openai.com/v1', organization: 'org_1', project: 'proj_1' });
    expect(readOpenAIEnv({ OPENAI_ORG_ID: 'org_1', OPENAI_API_KEY: '  ' }).options).toBeUndefined();
  });

  it('names the variable of each problem', () => {
    const { options, sources } = readOpenAIEnv({ OPENAI_API_KEY: 'oops-my-secret-0000', OPENAI_BASE_URL: 'ftp//x' });
    const error = configError(() => parseOpenAIOptions(options, sources));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'openai.baseURL', variable: 'OPENAI_BASE_URL' })]);
    const keyError = configError(() => parseOpenAIOptions(readOpenAIEnv({ OPENAI_API_KEY: 'oops' }).options, sources));
    expect(keyError.issues).toEqual([expect.objectContaining({ path: 'openai.apiKey', variable: 'OPENAI_API_KEY' })]);
    expect(keyError.message).not.toContain('oops');
  });
});
