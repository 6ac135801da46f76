import type { ApiKeySource, Provider } from '@switchboard/core';
import type { MockServer, MockServerOptions } from '@switchboard/mock-server';
import type { CapturedRequest } from '../support/recording-fetch.js';

/** Per-test provider settings the suite varies. */
export interface ProviderOverrides {
  /** The (recording) fetch every request must go through. */
  fetch: typeof fetch;
  /** A different key or key function. */
  apiKey?: ApiKeySource;
  /** Headers timeout. */
  timeoutMs?: number;
  /** Another base endpoint (e.g. a closed port). */
  origin?: string;
}

/**
 * What the shared provider suite needs to know about one provider, so the same tests run against OpenAI and Azure
 * on the mock server.
 */
export interface SuiteTarget {
  /** Provider name (`openai`, `azure`). */
  name: string;
  /** Which mock-server surface the provider talks to (for scripted faults). */
  surface: 'openai' | 'azure';
  /** Logical model names used by the tests. */
  models: { chat: string; reasoning: string; embedding: string; image: string; gptImage: string; realtime: string };
  /** A key the mock accepts. */
  goodKey: string;
  /** Extra mock-server options for this provider (Azure: the deployments that exist). */
  serverOptions?: MockServerOptions;
  /** Builds the provider against a running mock server. */
  createProvider(server: MockServer, overrides: ProviderOverrides): Provider;
  /** Checks one captured request body against the spec; returns problems (none when it conforms). */
  validateRequest(request: CapturedRequest): string[];
  /** The realtime URL expected for the realtime model. */
  expectedRealtimeUrl(server: MockServer): string;
}
