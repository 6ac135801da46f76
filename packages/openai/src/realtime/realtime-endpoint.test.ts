import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../create-openai-provider.js';

const KEY = 'sk-proj-canaryCANARYcanary1234';

describe('realtime.resolve auth modes', () => {
  const provider = createOpenAIProvider({
    apiKey: KEY,
    baseURL: 'http://127.0.0.1:9/v1',
    organization: 'org_1',
    project: 'proj_1',
  });

  it('headers by default', async () => {
    const info = await provider.realtime?.resolve('gpt-realtime');
    expect(info?.headers).toMatchObject({ Authorization: `Bearer ${KEY}`, 'OpenAI-Organization': 'org_1' });
    expect(info?.protocols).toBeUndefined();
  });

  it('subprotocols for sockets that cannot send headers', async () => {
    const info = await provider.realtime?.resolve('gpt-realtime', { auth: 'subprotocols' });
    expect(info).toEqual({
      url: 'ws://127.0.0.1:9/v1/realtime?model=gpt-realtime',
      headers: {},
      model: 'gpt-realtime',
      protocols: ['realtime', `openai-insecure-api-key.${KEY}`, 'openai-organization.org_1', 'openai-project.proj_1'],
    });
  });

  it('a client secret instead of the key, without resolving the key', async () => {
    const rotating = createOpenAIProvider({
      apiKey: () => {
        throw new Error('the key must not be resolved');
      },
      baseURL: 'http://127.0.0.1:9/v1',
    });
    const info = await rotating.realtime?.resolve('gpt-realtime', { clientSecret: 'ek_9' });
    expect(info?.headers).toEqual({});
    expect(info?.protocols).toEqual(['realtime', 'openai-insecure-api-key.ek_9']);
  });
});
