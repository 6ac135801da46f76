import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';

export const OPENAI_KEY = 'sk-test-realtime-0123456789abcdef';
export const AZURE_KEY = 'azure-test-key-0123456789';

/** A mock server with known keys and a small delay between deltas (so drops can land mid-response). */
export function startServer(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  return startMockServer({
    apiKeys: [OPENAI_KEY],
    ...options,
    realtime: { azureApiKeys: [AZURE_KEY], latency: { betweenDeltasMs: 1 }, ...options.realtime },
  });
}

/** The real OpenAI provider pointed at the mock server. */
export function openAIProvider(server: MockServer) {
  return createOpenAIProvider({ apiKey: OPENAI_KEY, baseURL: server.url });
}

/** The handled client events of every connection, oldest first, without the session's own replayed updates. */
export function handledEvents(server: MockServer, type?: string): { connectionId: string; eventId: string; type: string }[] {
  return server.realtime
    .clientEvents()
    .filter((record) => record.handled && (type === undefined || record.type === type))
    .map((record) => ({
      connectionId: record.connectionId,
      type: record.type,
      eventId: (record.event as { event_id?: string }).event_id ?? '',
    }));
}
