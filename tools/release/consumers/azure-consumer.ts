// The same script with the one constructor call swapped for Azure.

import { createAzureProvider } from '@switchboard/azure';
import { isSwitchboardError, type Provider } from '@switchboard/core';
import { startMockServer } from '@switchboard/mock-server';

const server = await startMockServer();
try {
  const provider: Provider = createAzureProvider({ endpoint: server.azureUrl, apiKey: 'consumer-test-key' });
  const reply = await provider.chat({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Say hello' }] });
  if (!reply.text) throw new Error('empty chat answer');
  let streamed = '';
  const stream = provider.streamChat({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Stream please' }] });
  for await (const delta of stream.textStream) streamed += delta;
  const final = await stream.response;
  if (!streamed || streamed !== final.text) throw new Error('stream text does not match the assembled answer');
  console.log(`chat: ${reply.text.slice(0, 40)}… | stream: ${final.usage?.outputTokens} output tokens`);
} catch (error) {
  console.error(isSwitchboardError(error) ? error.toJSON() : error);
  process.exitCode = 1;
} finally {
  await server.close();
}
