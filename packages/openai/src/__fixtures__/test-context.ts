import { OpenAI } from 'openai';
import type { OpenAICompatibleConfig } from '../provider/provider-config.js';
import { ProviderContext } from '../provider/provider-context.js';

/** A provider context over an SDK client that is never called (for mapping tests). */
export function testContext(overrides: Partial<OpenAICompatibleConfig> = {}): ProviderContext {
  return new ProviderContext({
    provider: 'openai',
    client: new OpenAI({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 }),
    endpoint: 'http://127.0.0.1:9/v1',
    realtimeUrl: (model) => `ws://127.0.0.1:9/v1/realtime?model=${model}`,
    realtimeHeaders: async () => ({ Authorization: 'Bearer sk-test' }),
    ...overrides,
  });
}
