import type { OpenAICompatibleConfig } from '../provider/provider-config.js';
import { ProviderContext } from '../provider/provider-context.js';

/** A provider context over a transport that is never called (for mapping tests). */
export function testContext(overrides: Partial<OpenAICompatibleConfig> = {}): ProviderContext {
  return new ProviderContext({
    provider: 'openai',
    transport: { baseURL: 'http://127.0.0.1:9/v1', auth: () => ({ Authorization: 'Bearer sk-test' }) },
    endpoint: 'http://127.0.0.1:9/v1',
    realtimeUrl: (model) => `ws://127.0.0.1:9/v1/realtime?model=${model}`,
    realtimeHeaders: async () => ({ Authorization: 'Bearer sk-test' }),
    ...overrides,
  });
}
