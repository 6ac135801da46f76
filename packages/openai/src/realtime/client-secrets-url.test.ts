import { describe, expect, it } from 'vitest';
import { clientSecretsUrl } from './client-secrets-url.js';

describe('clientSecretsUrl', () => {
  it('OpenAI and Azure v1: the realtime path plus /client_secrets, over https (http for ws:)', () => {
    expect(clientSecretsUrl('wss://api.openai.com/v1/realtime?model=gpt-realtime')).toBe(
      'https://api.openai.com/v1/realtime/client_secrets',
    );
    expect(clientSecretsUrl('wss://r.openai.azure.com/openai/v1/realtime?model=dep&api-version=preview')).toBe(
      'https://r.openai.azure.com/openai/v1/realtime/client_secrets',
    );
    expect(clientSecretsUrl('ws://127.0.0.1:9/v1/realtime?model=m')).toBe(
      'http://127.0.0.1:9/v1/realtime/client_secrets',
    );
  });

  it('Azure dated deployment URLs mint on the v1 route', () => {
    expect(
      clientSecretsUrl('wss://r.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=d'),
    ).toBe('https://r.openai.azure.com/openai/v1/realtime/client_secrets');
  });
});
