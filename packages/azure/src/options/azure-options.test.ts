import { inspect } from 'node:util';
import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createAzureProvider } from '../create-azure-provider.js';
import { readAzureEnv } from './azure-env.js';
import { parseAzureOptions } from './azure-options.js';
import { checkAzureKeyFormat } from './check-azure-key-format.js';

const AZURE_KEY = '0123456789abcdef0123456789abcdef';
const endpoint = 'https://my-resource.openai.azure.com';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const paths = (error: ConfigError) => error.issues.map((issue) => issue.path).sort();

describe('checkAzureKeyFormat', () => {
  it('accepts both key shapes and describes others without echoing them', () => {
    expect(checkAzureKeyFormat(AZURE_KEY)).toBeUndefined();
    expect(checkAzureKeyFormat('A'.repeat(84))).toBeUndefined();
    expect(checkAzureKeyFormat('not-a-key-at-all-123')).toBe(
      'does not look like an Azure OpenAI key (expected 32 hexadecimal characters or 84 letters and digits)',
    );
    expect(checkAzureKeyFormat(` ${AZURE_KEY}`)).toBe('has leading or trailing white space');
  });
});

describe('parseAzureOptions', () => {
  it('accepts an endpoint with a key, or a resource name with a token provider', () => {
    expect(() =>
      parseAzureOptions({ endpoint, apiKey: AZURE_KEY, apiVersion: '2024-10-21', deployments: { a: 'b' } }),
    ).not.toThrow();
    expect(() =>
      parseAzureOptions({ resourceName: 'my-resource', tokenProvider: async () => 't', apiVersion: 'v1' }),
    ).not.toThrow();
    expect(() => parseAzureOptions({ endpoint: 'http://127.0.0.1:9/openai', apiKey: 'anything' })).not.toThrow();
    expect(() => parseAzureOptions({ endpoint: 'http://localhost:9', apiKey: 'anything' })).not.toThrow();
  });

  it('reports both auth methods together with every other problem', () => {
    const error = configError(() =>
      parseAzureOptions({
        endpoint,
        apiKey: AZURE_KEY,
        tokenProvider: async () => 't',
        apiVersion: 'latest',
        timeoutMs: 0,
        deploymnets: {},
      }),
    );
    expect(paths(error)).toEqual(['azure.apiVersion', 'azure.deploymnets', 'azure.timeoutMs', 'azure.tokenProvider']);
    expect(error.issues.find((i) => i.path === 'azure.deploymnets')?.message).toContain('did you mean deployments?');
    expect(error.issues.find((i) => i.path === 'azure.tokenProvider')?.message).toBe(
      'give apiKey or tokenProvider, not both',
    );
  });

  it('validates api with the other options: unknown values and Responses on a dated GA version', () => {
    const error = configError(() =>
      parseAzureOptions({ endpoint, apiKey: AZURE_KEY, api: 'completions', timeoutMs: -1 }),
    );
    expect(paths(error)).toEqual(['azure.api', 'azure.timeoutMs']);
    expect(error.message).toContain("'chat-completions' or 'responses'");
    const dated = configError(() =>
      parseAzureOptions({ endpoint, apiKey: AZURE_KEY, api: 'responses', apiVersion: '2024-10-21' }),
    );
    expect(paths(dated)).toEqual(['azure.api']);
    expect(
      parseAzureOptions({ endpoint, apiKey: AZURE_KEY, api: 'responses', apiVersion: '2025-04-01-preview' }).api,
    ).toBe('responses');
  });

  it('lets no type error hide the other fields', () => {
    const error = configError(() =>
      parseAzureOptions({ endpoint: 42, apiKey: 'short-bad-key', scope: '', apiVersion: 'x', defaultHeaders: 'h' }),
    );
    expect(paths(error)).toEqual(['azure.apiVersion', 'azure.defaultHeaders', 'azure.endpoint', 'azure.scope']);
    const neither = configError(() => parseAzureOptions({ timeoutMs: 'slow' }));
    expect(paths(neither)).toEqual(['azure.apiKey', 'azure.endpoint', 'azure.timeoutMs']);
  });

  it('rejects endpoints that are not https (http only for loopback), and both endpoint and resource', () => {
    for (const bad of ['ftp://x', 'ftp://my-resource.openai.azure.com', 'http://my-resource.openai.azure.com', 'x']) {
      expect(configError(() => parseAzureOptions({ endpoint: bad, apiKey: AZURE_KEY })).issues).toEqual([
        { path: 'azure.endpoint', message: expect.stringContaining('must be an absolute https URL') },
      ]);
    }
    expect(configError(() => createAzureProvider({ endpoint: 'ftp://x', apiKey: AZURE_KEY })).issues[0]?.path).toBe(
      'azure.endpoint',
    );
    const both = configError(() => parseAzureOptions({ endpoint, resourceName: 'r', apiKey: AZURE_KEY }));
    expect(both.issues).toEqual([{ path: 'azure.resourceName', message: 'give endpoint or resourceName, not both' }]);
  });

  it('checks the key shape on real Azure hosts with an intact hint, never echoing the key', () => {
    const key = 'sk-svcacct-canary-key-of-another-shape';
    const error = configError(() => parseAzureOptions({ resourceName: 'r', apiKey: key }));
    expect(error.issues).toEqual([
      { path: 'azure.apiKey', message: expect.stringContaining('expected 32 hexadecimal characters') },
    ]);
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain('canary');
  });
});

describe('readAzureEnv', () => {
  it('reads the variables with deployments as a list or JSON', () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com',
      AZURE_OPENAI_API_KEY: AZURE_KEY,
      AZURE_OPENAI_API_VERSION: '2024-10-21',
      AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o=prod-4o, gpt-5-mini = mini ',
    };
    expect(readAzureEnv(env).options).toEqual({
      endpoint: 'https://res.openai.azure.com',
      apiKey: AZURE_KEY,
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o': 'prod-4o', 'gpt-5-mini': 'mini' },
    });
    expect(readAzureEnv({ ...env, AZURE_OPENAI_DEPLOYMENTS: '{"gpt-4o":"x"}' }).options?.deployments).toEqual({
      'gpt-4o': 'x',
    });
    expect(readAzureEnv({ AZURE_OPENAI_API_VERSION: 'v1' }).options).toBeUndefined();
  });

  it('reports every problem with its variable, deployments included, secrets masked', () => {
    const secret = 'oops-this-is-my-secret-key-000000';
    const error = configError(() =>
      createAzureProvider.fromEnv(
        {},
        {
          AZURE_OPENAI_ENDPOINT: 'ftp://x',
          AZURE_OPENAI_API_KEY: secret,
          AZURE_OPENAI_API_VERSION: 'yesterday',
          AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o',
        },
      ),
    );
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'azure.endpoint', variable: 'AZURE_OPENAI_ENDPOINT' }),
        expect.objectContaining({ path: 'azure.apiVersion', variable: 'AZURE_OPENAI_API_VERSION' }),
        expect.objectContaining({ path: 'azure.deployments', variable: 'AZURE_OPENAI_DEPLOYMENTS' }),
      ]),
    );
    expect(error.message).toContain('(from AZURE_OPENAI_ENDPOINT)');
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain('secret');
  });

  it('explains malformed deployments', () => {
    const base = { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_KEY: AZURE_KEY };
    const problem = (value: string) => readAzureEnv({ ...base, AZURE_OPENAI_DEPLOYMENTS: value }).problems[0]?.message;
    expect(problem('{bad json')).toContain('not valid JSON');
    expect(problem('{"a":1}')).toContain('JSON object of model names');
    expect(problem('a=b=c')).toContain('model=deployment');
  });
});
