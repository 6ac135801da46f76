import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/error-classes.js';
import { checkApiKeyFormat, resolveApiKey } from './api-key.js';
import { loadConfigFromEnv } from './load-config-from-env.js';
import { parseConfig } from './parse-config.js';
import {
  azureOptionsSchema,
  batchOptionsSchema,
  openAIOptionsSchema,
  rateLimitOptionsSchema,
  retryOptionsSchema,
} from './schemas.js';

const OPENAI_KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
const AZURE_KEY = '0123456789abcdef0123456789abcdef';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('API key format', () => {
  it.each([
    'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL',
    'sk-proj-abcdefghijklmnopqrstuvwxyz_0123456789-ABC',
    'sk-svcacct-abcdefghijklmnopqrstuvwxyz0123',
    'sk-admin-abcdefghijklmnopqrstuvwxyz0123',
  ])('accepts OpenAI key %#', (key) => {
    expect(checkApiKeyFormat('openai', key)).toBeUndefined();
  });

  it('rejects malformed OpenAI keys without echoing them', () => {
    const key = 'pk-live-abcdefghijklmnopqrstuvwxyz0123';
    const problem = checkApiKeyFormat('openai', key) ?? '';
    expect(problem).toContain('does not look like an OpenAI key');
    expect(problem).not.toContain(key);
    expect(problem).toContain('pk-l***');
    expect(checkApiKeyFormat('openai', `${OPENAI_KEY}\n`)).toContain('white space');
  });

  it('accepts Azure keys of both shapes and rejects others', () => {
    expect(checkApiKeyFormat('azure', AZURE_KEY)).toBeUndefined();
    expect(checkApiKeyFormat('azure', 'A'.repeat(84))).toBeUndefined();
    expect(checkApiKeyFormat('azure', 'not-a-key-at-all-123')).toContain('does not look like an Azure OpenAI key');
  });

  it('resolves a key from a string, a function or an async function', async () => {
    expect(await resolveApiKey('k')).toBe('k');
    expect(await resolveApiKey(() => 'k2')).toBe('k2');
    expect(await resolveApiKey(async () => 'k3')).toBe('k3');
  });
});

describe('OpenAI options', () => {
  it('accepts a complete valid config', () => {
    const fetchImpl: typeof fetch = async () => new Response();
    const parsed = parseConfig(openAIOptionsSchema, {
      apiKey: OPENAI_KEY,
      organization: 'org_1',
      project: 'proj_1',
      defaultHeaders: { 'x-team': 'a' },
      timeoutMs: 1000,
      fetch: fetchImpl,
      modelAliases: { fast: 'gpt-5-nano' },
    });
    expect(parsed.fetch).toBe(fetchImpl);
  });

  it('accepts any key shape for a custom base URL (proxies, the mock server)', () => {
    expect(() =>
      parseConfig(openAIOptionsSchema, { apiKey: 'test-key', baseURL: 'http://127.0.0.1:4010/v1' }),
    ).not.toThrow();
  });

  it('accepts a key function', () => {
    expect(() => parseConfig(openAIOptionsSchema, { apiKey: async () => OPENAI_KEY })).not.toThrow();
  });

  it('names every bad field at once, masking the key', () => {
    const badKey = 'pk-secret-value-that-must-not-leak-0000';
    const error = configError(() =>
      parseConfig(
        openAIOptionsSchema,
        { apiKey: badKey, baseURL: 'not a url', timeoutMs: -5, organisation: 'typo', defaultHeaders: { a: 1 } },
        { prefix: 'openai' },
      ),
    );
    const paths = error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['openai.baseURL', 'openai.defaultHeaders.a', 'openai.organisation', 'openai.timeoutMs']);
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(badKey);
    expect(error.issues.find((i) => i.path === 'openai.organisation')?.message).toContain('not a known option');
  });

  it('checks the key format against the official endpoint', () => {
    const error = configError(() =>
      parseConfig(openAIOptionsSchema, { apiKey: 'pk-secret-value-that-must-not-leak-0000' }),
    );
    expect(error.issues).toEqual([
      { path: 'apiKey', message: expect.stringContaining('does not look like an OpenAI key') },
    ]);
    expect(error.message).not.toContain('secret-value');
  });

  it('reports a missing key as required', () => {
    const error = configError(() => parseConfig(openAIOptionsSchema, {}));
    expect(error.issues).toEqual([{ path: 'apiKey', message: expect.stringMatching(/required|string or a function/) }]);
    const root = configError(() => parseConfig(openAIOptionsSchema, 'nope'));
    expect(root.issues[0]?.path).toBe('(root)');
  });
});

describe('Azure options', () => {
  const base = { endpoint: 'https://my-resource.openai.azure.com', apiKey: AZURE_KEY };

  it('accepts an endpoint with a key, or a resource name with a token provider', () => {
    expect(() =>
      parseConfig(azureOptionsSchema, { ...base, apiVersion: '2024-10-21', deployments: { 'gpt-4o': 'prod-4o' } }),
    ).not.toThrow();
    expect(() =>
      parseConfig(azureOptionsSchema, {
        resourceName: 'my-resource',
        tokenProvider: async () => 'token',
        apiVersion: 'v1',
      }),
    ).not.toThrow();
    expect(() => parseConfig(azureOptionsSchema, { ...base, apiVersion: '2025-04-01-preview' })).not.toThrow();
  });

  it('refuses both auth methods at once, and neither', () => {
    const both = configError(() => parseConfig(azureOptionsSchema, { ...base, tokenProvider: async () => 't' }));
    expect(both.issues).toEqual([{ path: 'tokenProvider', message: 'give apiKey or tokenProvider, not both' }]);
    const neither = configError(() => parseConfig(azureOptionsSchema, { endpoint: base.endpoint }));
    expect(neither.issues).toEqual([{ path: 'apiKey', message: 'an apiKey or an Entra ID tokenProvider is required' }]);
  });

  it('refuses both endpoint and resource name, and neither', () => {
    const both = configError(() => parseConfig(azureOptionsSchema, { ...base, resourceName: 'r' }));
    expect(both.issues[0]).toEqual({ path: 'resourceName', message: 'give endpoint or resourceName, not both' });
    const neither = configError(() => parseConfig(azureOptionsSchema, { apiKey: AZURE_KEY }));
    expect(neither.issues[0]).toEqual({ path: 'endpoint', message: 'endpoint or resourceName is required' });
  });

  it('validates the key shape only for real Azure hosts, and the api version', () => {
    const error = configError(() =>
      parseConfig(azureOptionsSchema, { ...base, apiKey: 'short-bad-key-123456', apiVersion: 'latest' }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['apiKey', 'apiVersion']);
    expect(() =>
      parseConfig(azureOptionsSchema, { endpoint: 'http://127.0.0.1:9/openai', apiKey: 'anything' }),
    ).not.toThrow();
  });
});

describe('retry, rate-limit and batch settings', () => {
  it('fills defaults', () => {
    expect(parseConfig(retryOptionsSchema, {})).toMatchObject({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000 });
    expect(parseConfig(rateLimitOptionsSchema, { requestsPerMinute: 500 })).toMatchObject({
      smoothing: 'none',
      maxWaitMs: 120_000,
    });
    expect(parseConfig(batchOptionsSchema, {})).toMatchObject({ concurrency: 16, order: 'completion' });
    expect(parseConfig(batchOptionsSchema, {})).toMatchObject({
      checkpointDurability: 'fsync',
      replayCheckpoint: true,
      rerunFailed: 'retryable',
      mode: 'local',
      maxRequestsPerJob: 50_000,
      maxBytesPerJob: 200_000_000,
    });
  });

  it('names bad values', () => {
    const error = configError(() =>
      parseConfig(retryOptionsSchema, { maxAttempts: 0, baseDelayMs: 'x' }, { prefix: 'retry' }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['retry.baseDelayMs', 'retry.maxAttempts']);
    expect(() => parseConfig(rateLimitOptionsSchema, { smoothing: 'burst' })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { concurrency: 0 })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { maxRequestsPerJob: 50_001 })).toThrow(ConfigError);
    expect(() => parseConfig(batchOptionsSchema, { mode: 'fast' })).toThrow(ConfigError);
  });
});

describe('loadConfigFromEnv', () => {
  it('returns nothing when no variables are set', () => {
    expect(loadConfigFromEnv({})).toEqual({});
  });

  it('reads the OpenAI variables', () => {
    expect(
      loadConfigFromEnv({
        OPENAI_API_KEY: OPENAI_KEY,
        OPENAI_BASE_URL: 'https://api.openai.com/v1',
        OPENAI_ORG_ID: 'org_1',
        OPENAI_PROJECT_ID: 'proj_1',
      }),
    ).toEqual({
      openai: { apiKey: OPENAI_KEY, baseURL: 'https://api.openai.com/v1', organization: 'org_1', project: 'proj_1' },
    });
  });

  it('reads the Azure variables with deployments as a list or JSON', () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com',
      AZURE_OPENAI_API_KEY: AZURE_KEY,
      AZURE_OPENAI_API_VERSION: '2024-10-21',
      AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o=prod-4o, gpt-5-mini = mini ',
    };
    expect(loadConfigFromEnv(env).azure).toEqual({
      endpoint: 'https://res.openai.azure.com',
      apiKey: AZURE_KEY,
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o': 'prod-4o', 'gpt-5-mini': 'mini' },
    });
    expect(loadConfigFromEnv({ ...env, AZURE_OPENAI_DEPLOYMENTS: '{"gpt-4o":"x"}' }).azure?.deployments).toEqual({
      'gpt-4o': 'x',
    });
  });

  it('reports every problem of both providers at once with the variable names, secrets masked', () => {
    const error = configError(() =>
      loadConfigFromEnv({
        OPENAI_API_KEY: 'oops-this-is-my-secret-key-000000',
        OPENAI_BASE_URL: 'ftp//nope',
        AZURE_OPENAI_API_KEY: AZURE_KEY,
        AZURE_OPENAI_API_VERSION: 'yesterday',
        AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o',
      }),
    );
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'openai.baseURL', variable: 'OPENAI_BASE_URL' }),
        expect.objectContaining({ path: 'azure.deployments', variable: 'AZURE_OPENAI_DEPLOYMENTS' }),
        expect.objectContaining({ path: 'azure.endpoint', variable: 'AZURE_OPENAI_ENDPOINT' }),
        expect.objectContaining({ path: 'azure.apiVersion', variable: 'AZURE_OPENAI_API_VERSION' }),
      ]),
    );
    expect(error.message).toContain('(from AZURE_OPENAI_ENDPOINT)');
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(text).not.toContain('my-secret-key');
      expect(text).not.toContain(AZURE_KEY);
    }
  });

  it('names the key variable for a malformed OpenAI key on the official endpoint', () => {
    const error = configError(() => loadConfigFromEnv({ OPENAI_API_KEY: 'oops-this-is-my-secret-key-000000' }));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'openai.apiKey', variable: 'OPENAI_API_KEY' })]);
  });

  it('rejects bad JSON deployments and non-string values', () => {
    const base = { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_KEY: AZURE_KEY };
    expect(() => loadConfigFromEnv({ ...base, AZURE_OPENAI_DEPLOYMENTS: '{bad json' })).toThrow(/not valid JSON/);
    expect(() => loadConfigFromEnv({ ...base, AZURE_OPENAI_DEPLOYMENTS: '{"a":1}' })).toThrow(
      /JSON object of model names/,
    );
    expect(() => loadConfigFromEnv({ ...base, AZURE_OPENAI_DEPLOYMENTS: 'a=b=c' })).toThrow(/model=deployment/);
  });

  it('ignores blank variables', () => {
    expect(loadConfigFromEnv({ OPENAI_API_KEY: '   ', AZURE_OPENAI_ENDPOINT: '' })).toEqual({});
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      for (const key of Object.keys(process.env))
        if (key.startsWith('OPENAI_') || key.startsWith('AZURE_OPENAI_')) delete process.env[key];
      expect(loadConfigFromEnv()).toEqual({});
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
