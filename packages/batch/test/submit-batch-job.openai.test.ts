import { createOpenAIProvider } from '@switchboard/openai';
import { describeBatchLifecycle } from './submit-lifecycle.js';

describeBatchLifecycle('openai', (server) =>
  createOpenAIProvider({ apiKey: 'sk-test-batch-lifecycle-0000', baseURL: server.url }),
);
