import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { AZURE_DEFAULT_SCOPE, createAzureProvider } from '../src/index.js';
import { DATED_VERSION, GOOD_KEY, useAzureHarness } from './support/azure-target.js';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('azure: authentication', () => {
  const harness = useAzureHarness();

  it.each(['v1', DATED_VERSION])('%s: sends an api-key header and no Authorization header', async (apiVersion) => {
    await harness.azure({ apiVersion }).chat(chat);
    const [request] = harness.recorder.requests;
    expect(request?.headers.get('api-key')).toBe(GOOD_KEY);
    expect(request?.headers.get('authorization')).toBeNull();
  });

  it.each(['v1', DATED_VERSION])('%s: resolves a key function before every request', async (apiVersion) => {
    let calls = 0;
    const provider = harness.azure({
      apiVersion,
      apiKey: () => {
        calls++;
        return GOOD_KEY;
      },
    });
    await provider.chat(chat);
    await provider.streamChat(chat).response;
    expect(calls).toBe(2);
    expect(harness.recorder.requests.map((r) => r.headers.get('api-key'))).toEqual([GOOD_KEY, GOOD_KEY]);
  });

  it.each(['v1', DATED_VERSION])('%s: sends an Entra ID token as a Bearer token, asked for the scope', async (v) => {
    const scopes: string[] = [];
    const provider = harness.azure({
      apiVersion: v,
      auth: 'entra',
      tokenProvider: async (scope) => {
        scopes.push(scope);
        return GOOD_KEY;
      },
    });
    await provider.chat(chat);
    await provider.embed?.({ model: 'text-embedding-3-small', input: 'x' });
    const [request] = harness.recorder.requests;
    expect(request?.headers.get('authorization')).toBe(`Bearer ${GOOD_KEY}`);
    expect(request?.headers.get('api-key')).toBeNull();
    expect(scopes).toEqual([AZURE_DEFAULT_SCOPE, AZURE_DEFAULT_SCOPE]);
  });

  it('passes a configured scope; works with a getBearerTokenProvider-style function that takes no arguments', async () => {
    const scopes: string[] = [];
    await harness
      .azure({
        tokenProvider: async (scope) => {
          scopes.push(scope);
          return GOOD_KEY;
        },
        scope: 'https://ai.azure.com/.default',
      })
      .chat(chat);
    expect(scopes).toEqual(['https://ai.azure.com/.default']);
    // @azure/identity's getBearerTokenProvider(credential, scope) returns `() => Promise<string>`.
    const bearerTokenProvider: () => Promise<string> = async () => GOOD_KEY;
    const response = await harness.azure({ tokenProvider: bearerTokenProvider }).chat(chat);
    expect(response.text.length).toBeGreaterThan(0);
  });

  it('turns a failing token provider into an authentication error before anything is sent', async () => {
    const provider = harness.azure({
      tokenProvider: async () => {
        throw new Error('CredentialUnavailableError: no managed identity');
      },
    });
    await expect(provider.chat(chat)).rejects.toMatchObject({
      code: 'authentication',
      retryable: false,
      provider: 'azure',
      message: expect.stringMatching(/Entra ID token provider failed.*no managed identity/),
    });
    await expect(provider.streamChat(chat).response).rejects.toMatchObject({ code: 'authentication' });
    await expect(provider.realtime?.resolve('gpt-realtime')).rejects.toMatchObject({ code: 'authentication' });
    expect(harness.server.control.requests()).toHaveLength(0);
  });

  it('rejects a wrong key with an authentication error that never shows the key', async () => {
    const key = 'f'.repeat(32);
    const provider = harness.azure({ apiKey: key });
    const error = (await provider.chat(chat).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'authentication', status: 401, retryable: false });
    expect(JSON.stringify(error)).not.toContain(key);
    expect(`${error.message} ${error.stack}`).not.toContain(key);
  });
});

describe('azure: options', () => {
  const endpoint = 'https://my-resource.openai.azure.com';

  it('says so when both apiKey and tokenProvider are given', () => {
    const error = configError(() =>
      createAzureProvider({ endpoint, apiKey: 'a'.repeat(32), tokenProvider: async () => 'token' }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/apiKey or tokenProvider, not both/);
    expect(error.message).not.toContain('a'.repeat(32));
  });

  it('says so when neither apiKey nor tokenProvider is given, naming every other problem too', () => {
    const error = configError(() => createAzureProvider({ apiVersion: 'yesterday' } as never));
    expect(error.message).toMatch(/an apiKey or an Entra ID tokenProvider is required/);
    expect(error.message).toMatch(/endpoint or resourceName is required/);
    expect(error.message).toMatch(/apiVersion/);
  });

  it('rejects an api key that does not look like an Azure key for an Azure host, without showing it', () => {
    const error = configError(() => createAzureProvider({ endpoint, apiKey: 'sk-proj-notAnAzureKey0123456789' }));
    expect(error.issues).toEqual([
      { path: 'azure.apiKey', message: expect.stringMatching(/^does not look like an Azure OpenAI key/) },
    ]);
    expect(error.message).not.toContain('notAnAzureKey0123456789');
  });

  it('never shows the key in util.inspect or JSON of the provider', async () => {
    const { inspect } = await import('node:util');
    const key = 'b'.repeat(32);
    const provider = createAzureProvider({ endpoint, apiKey: key });
    expect(inspect(provider, { depth: 10 })).not.toContain(key);
    expect(JSON.stringify(provider)).not.toContain(key);
    expect(JSON.stringify(provider)).toContain('azure');
  });

  it('fromEnv reads AZURE_OPENAI_* and names the variable of a bad value', () => {
    const provider = createAzureProvider.fromEnv(
      {},
      {
        AZURE_OPENAI_ENDPOINT: endpoint,
        AZURE_OPENAI_API_KEY: 'c'.repeat(32),
        AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o=my-4o',
      },
    );
    expect(provider.name).toBe('azure');
    const error = configError(() =>
      createAzureProvider.fromEnv({}, { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_API_KEY: 'not a key' }),
    );
    expect(error.issues.map((issue) => issue.variable)).toContain('AZURE_OPENAI_API_KEY');
    const invalid = configError(() =>
      createAzureProvider.fromEnv(
        { timeoutMs: -1 },
        { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_API_KEY: 'c'.repeat(32) },
      ),
    );
    expect(invalid.message).toMatch(/timeoutMs/);
    const missing = configError(() => createAzureProvider.fromEnv({}, {}));
    expect(missing.issues.map((issue) => issue.variable).sort()).toEqual([
      'AZURE_OPENAI_API_KEY',
      'AZURE_OPENAI_ENDPOINT',
    ]);
  });
});
