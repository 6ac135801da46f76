import { describeProviderSuite, SUITE_MODELS, validateOpenAIRequest } from '@internal/provider-suite';
import { createOpenAIProvider } from '../src/index.js';

const GOOD_KEY = 'sk-test-mock-key-0123456789';

describeProviderSuite({
  name: 'openai',
  surface: 'openai',
  goodKey: GOOD_KEY,
  models: SUITE_MODELS,
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
