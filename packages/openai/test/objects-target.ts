import {
  type ProviderOverrides,
  SUITE_MODELS,
  type SuiteTarget,
  validateOpenAIRequest,
} from '@internal/provider-suite';
import type { MockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '../src/index.js';

const GOOD_KEY = 'sk-test-mock-key-0123456789';

/** The wire APIs the core helpers are run over: Chat Completions always, Responses once the provider speaks it. */
export type WireApi = 'chat-completions' | 'responses';

/**
 * True when `createOpenAIProvider` accepts `api: 'responses'`. The Responses wire API lands separately; until then the
 * Responses runs of these tests are skipped with a printed reason.
 */
export function providerSpeaksResponses(): boolean {
  try {
    createOpenAIProvider({ apiKey: GOOD_KEY, baseURL: 'http://127.0.0.1:9/v1', api: 'responses' } as never);
    return true;
  } catch {
    return false;
  }
}

/** A suite target for the OpenAI provider over one wire API (the generic helpers need only chat and streamChat). */
export function objectsTarget(api: WireApi): SuiteTarget {
  return {
    name: `openai (${api})`,
    surface: 'openai',
    goodKey: GOOD_KEY,
    models: SUITE_MODELS,
    createProvider: (server: MockServer, { fetch }: ProviderOverrides) =>
      createOpenAIProvider({
        apiKey: GOOD_KEY,
        baseURL: server.url,
        fetch,
        ...(api === 'responses' ? ({ api } as Record<string, unknown>) : {}),
      }),
    validateRequest: validateOpenAIRequest,
    expectedRealtimeUrl: (server) => `${server.url.replace('http:', 'ws:')}/realtime?model=gpt-realtime`,
  };
}
