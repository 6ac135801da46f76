import { AuthenticationError, NetworkError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { AZURE_DEFAULT_SCOPE } from '../options/azure-provider-options.js';
import { authHeader, azureCredential } from './azure-credential.js';

describe('azureCredential', () => {
  it('an api key (or key function) is sent as api-key', async () => {
    const fixed = azureCredential({ apiKey: 'k1' });
    expect(fixed.kind).toBe('api-key');
    expect(authHeader(fixed, await fixed.resolve())).toEqual({ 'api-key': 'k1' });
    const rotating = azureCredential({ apiKey: () => 'k2' });
    expect(await rotating.resolve()).toBe('k2');
  });

  it('a token provider is asked for the scope and sent as a Bearer token', async () => {
    const scopes: string[] = [];
    const credential = azureCredential({
      tokenProvider: (scope) => {
        scopes.push(scope);
        return 't1';
      },
    });
    expect(authHeader(credential, await credential.resolve())).toEqual({ Authorization: 'Bearer t1' });
    const scoped = azureCredential({
      tokenProvider: async (scope) => {
        scopes.push(scope);
        return 't2';
      },
      scope: 's',
    });
    await scoped.resolve();
    expect(scopes).toEqual([AZURE_DEFAULT_SCOPE, 's']);
  });

  it('a failing token provider becomes an authentication error; Switchboard errors pass through', async () => {
    const failing = azureCredential({
      tokenProvider: () => {
        throw 'no identity';
      },
    });
    await expect(failing.resolve()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failing.resolve()).rejects.toMatchObject({ source: 'client', message: /no identity/ });
    const typed = new NetworkError({ message: 'offline', provider: 'azure' });
    const passing = azureCredential({
      tokenProvider: async () => {
        throw typed;
      },
    });
    await expect(passing.resolve()).rejects.toBe(typed);
  });
});
