import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { resolveKey } from './resolve-key.js';

describe('resolveKey', () => {
  it('returns strings and what functions return', async () => {
    expect(await resolveKey('k1', 'openai')).toBe('k1');
    expect(await resolveKey(async () => 'k2', 'openai')).toBe('k2');
  });

  it('turns a failing or empty key function into an authentication error', async () => {
    await expect(resolveKey(() => Promise.reject(new Error('down')), 'azure', 'Entra ID token')).rejects.toMatchObject({
      code: 'authentication',
      provider: 'azure',
      message: 'Could not get the Entra ID token: down',
    });
    await expect(resolveKey(() => '', 'openai')).rejects.toMatchObject({ code: 'authentication' });
    await expect(
      resolveKey(() => {
        throw 'plain';
      }, 'openai'),
    ).rejects.toMatchObject({ message: expect.stringContaining('plain') });
  });

  it('lets Switchboard errors through', async () => {
    const error = new ConfigError({ issues: [] });
    await expect(resolveKey(() => Promise.reject(error), 'openai')).rejects.toBe(error);
  });
});
