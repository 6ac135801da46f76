import {
  describeProviderSuite,
  describeResponsesSuite,
  SUITE_MODELS,
  type SuiteTarget,
  validateOpenAIRequest,
} from '@internal/provider-suite';
import { createOpenAIProvider } from '../src/index.js';

const GOOD_KEY = 'sk-test-mock-key-0123456789';

const target: SuiteTarget = {
  name: 'openai',
  surface: 'openai',
  goodKey: GOOD_KEY,
  models: SUITE_MODELS,
  createProvider: (server, { fetch, apiKey, timeoutMs, origin, api }) =>
    createOpenAIProvider({
      apiKey: apiKey ?? GOOD_KEY,
      baseURL: origin ? `${origin}/v1` : server.url,
      fetch,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(api ? { api } : {}),
    }),
  validateRequest: validateOpenAIRequest,
  expectedRealtimeUrl: (server) => `${server.url.replace('http:', 'ws:')}/realtime?model=gpt-realtime`,
};

describeProviderSuite(target);
describeResponsesSuite(target);
