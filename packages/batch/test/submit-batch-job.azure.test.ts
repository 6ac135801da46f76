import { createAzureProvider } from '@switchboard/azure';
import { describeBatchLifecycle } from './submit-lifecycle.js';

describeBatchLifecycle('azure', (server) =>
  createAzureProvider({
    endpoint: server.azureUrl,
    apiKey: 'azure-batch-lifecycle-key-0123456789',
    // Logical names map to deployment names; the chat deployment is the same for direct calls and batches here.
    deployments: { 'gpt-4o-mini': 'chat-4o-mini', 'gpt-4o': 'chat-4o', 'text-embedding-3-small': 'embed-small' },
  }),
);
