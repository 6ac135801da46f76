import { tryUpgrade } from '@internal/provider-suite';
import type { RealtimeConnectionInfo } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createAzureProvider } from '../src/index.js';
import { GOOD_KEY, useAzureHarness } from './support/azure-target.js';

const KEY = 'a'.repeat(32);

describe('azure: realtime endpoint descriptor', () => {
  it('GA: wss://{resource}.openai.azure.com/openai/v1/realtime?model={deployment}, the key only in api-key', async () => {
    const provider = createAzureProvider({
      resourceName: 'my-resource',
      apiKey: KEY,
      deployments: { 'gpt-realtime': 'rt-prod' },
      defaultHeaders: { 'x-app': 'demo' },
    });
    const info = await provider.realtime?.resolve('gpt-realtime', { headers: { 'x-call': '1' } });
    expect(provider.realtime?.provider).toBe('azure');
    expect(info).toEqual({
      url: 'wss://my-resource.openai.azure.com/openai/v1/realtime?model=rt-prod',
      headers: { 'x-app': 'demo', 'api-key': KEY, 'x-call': '1' },
      model: 'rt-prod',
    });
    expect(info?.url).not.toContain(KEY);
  });

  it('Entra ID: a Bearer token, resolved on every call; a realtime-specific deployment wins', async () => {
    let n = 0;
    const provider = createAzureProvider({
      endpoint: 'https://my-resource.openai.azure.com/',
      tokenProvider: async () => `token-${++n}`,
      deployments: { 'gpt-realtime': 'chat-dep', 'realtime:gpt-realtime': 'rt-dep' },
    });
    const first = await provider.realtime?.resolve('gpt-realtime');
    const second = await provider.realtime?.resolve('gpt-realtime');
    expect(first?.headers).toEqual({ Authorization: 'Bearer token-1' });
    expect(second?.headers).toEqual({ Authorization: 'Bearer token-2' });
    expect(first?.url).toBe('wss://my-resource.openai.azure.com/openai/v1/realtime?model=rt-dep');
  });

  it('dated: wss://{resource}/openai/realtime?api-version=&deployment=', async () => {
    const provider = createAzureProvider({ resourceName: 'r1', apiKey: KEY, apiVersion: '2025-04-01-preview' });
    const info = await provider.realtime?.resolve('gpt-4o-realtime-preview');
    expect(info?.url).toBe(
      'wss://r1.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-4o-realtime-preview',
    );
    const preview = createAzureProvider({ resourceName: 'r1', apiKey: KEY, apiVersion: 'preview' });
    expect((await preview.realtime?.resolve('rt'))?.url).toBe(
      'wss://r1.openai.azure.com/openai/v1/realtime?model=rt&api-version=preview',
    );
  });

  describe('against the mock server', () => {
    const harness = useAzureHarness();

    it.each(['v1', '2025-04-01-preview'])(
      '%s: the descriptor opens a socket; a wrong key does not',
      async (apiVersion) => {
        for (const auth of ['api-key', 'entra'] as const) {
          const info = (await harness
            .azure({ apiVersion, auth })
            .realtime?.resolve('gpt-realtime')) as RealtimeConnectionInfo;
          expect(info.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/openai\//);
          expect(await tryUpgrade(info)).toBe(101);
        }
        const wrong = await harness
          .azure({ apiVersion, apiKey: `${GOOD_KEY}-wrong` })
          .realtime?.resolve('gpt-realtime');
        expect(await tryUpgrade(wrong as RealtimeConnectionInfo)).toBe(401);
      },
    );
  });
});
