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
  /** The provider's wire API for `chat` and `streamChat` (its default when absent). */
  api?: 'chat-completions' | 'responses';
}

/**
 * The logical model names the suite sends: an OpenAI user's names. Every provider runs the same requests with them
 * (Azure maps them to deployments), which is the point of a one-line swap.
 */
export const SUITE_MODELS = {
  chat: 'gpt-4o-mini',
  reasoning: 'gpt-5-mini',
  embedding: 'text-embedding-3-small',
  image: 'dall-e-3',
  gptImage: 'gpt-image-1',
  realtime: 'gpt-realtime',
};

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
  models: typeof SUITE_MODELS;
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
