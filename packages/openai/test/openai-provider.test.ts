import { createOpenAIProvider } from '../src/index.js';
import { describeProviderSuite } from './suite/provider-suite.js';
import { validateOpenAIRequest } from './support/validate-openai-request.js';

const GOOD_KEY = 'sk-test-mock-key-0123456789';

describeProviderSuite({
  name: 'openai',
  surface: 'openai',
  goodKey: GOOD_KEY,
  models: {
    chat: 'gpt-4o-mini',
    reasoning: 'gpt-5-mini',
    embedding: 'text-embedding-3-small',
    image: 'dall-e-3',
    gptImage: 'gpt-image-1',
    realtime: 'gpt-realtime',
  },
  createProvider: (server, { fetch, apiKey, timeoutMs, origin }) =>
    createOpenAIProvider({
      apiKey: apiKey ?? GOOD_KEY,
      baseURL: origin ? `${origin}/v1` : server.url,
      fetch,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    }),
  validateRequest: validateOpenAIRequest,
  expectedRealtimeUrl: (server) => `${server.url.replace('http:', 'ws:')}/realtime?model=gpt-realtime`,
});
