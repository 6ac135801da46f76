import type { ApiKeySource } from '@switchboard/core';
import type { MockServer } from '@switchboard/mock-server';
import { describeProviderSuite } from '../../openai/test/suite/provider-suite.js';
import type { ProviderOverrides } from '../../openai/test/suite/suite-target.js';
import { createAzureProvider } from '../src/index.js';
import { validateAzureDatedRequest, validateAzureV1Request } from './support/validate-azure-request.js';

const GOOD_KEY = 'azure-test-mock-key-0123456789';
const DATED_VERSION = '2024-10-21';

/** Logical model names (the suite's, as an OpenAI user writes them) → deployment names. */
const DEPLOYMENTS = {
  'gpt-4o-mini': 'chat-4o-mini',
  'gpt-5-mini': 'reasoning-5-mini',
  'text-embedding-3-small': 'embed-small',
  'dall-e-3': 'dalle3',
  'gpt-image-1': 'image-1',
  'gpt-realtime': 'realtime-ga',
};

/** What the mock serves: deployment name → model (other names get Azure's 404 DeploymentNotFound). */
const SERVED = Object.fromEntries(Object.entries(DEPLOYMENTS).map(([model, deployment]) => [deployment, model]));

const MODELS = {
  chat: 'gpt-4o-mini',
  reasoning: 'gpt-5-mini',
  embedding: 'text-embedding-3-small',
  image: 'dall-e-3',
  gptImage: 'gpt-image-1',
  realtime: 'gpt-realtime',
};

function credential(apiKey: ApiKeySource | undefined, entra: boolean) {
  const key = apiKey ?? GOOD_KEY;
  if (!entra) return { apiKey: key };
  // The suite's key (or key function) becomes the Entra ID token: the mock accepts it as a Bearer token.
  return { tokenProvider: async () => (typeof key === 'function' ? await key() : key) };
}

function create(server: MockServer, overrides: ProviderOverrides, apiVersion: string, entra: boolean) {
  return createAzureProvider({
    endpoint: overrides.origin ?? server.azureUrl,
    ...credential(overrides.apiKey, entra),
    apiVersion,
    deployments: DEPLOYMENTS,
    fetch: overrides.fetch,
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}

// The v1 GA surface with an api-key.
describeProviderSuite({
  name: 'azure',
  surface: 'azure',
  goodKey: GOOD_KEY,
  models: MODELS,
  serverOptions: { deployments: SERVED },
  createProvider: (server, overrides) => create(server, overrides, 'v1', false),
  validateRequest: validateAzureV1Request,
  expectedRealtimeUrl: (server) => `${server.azureUrl.replace('http:', 'ws:')}/openai/v1/realtime?model=realtime-ga`,
});

// A dated API version with an Entra ID token.
describeProviderSuite({
  name: 'azure',
  surface: 'azure',
  goodKey: GOOD_KEY,
  models: MODELS,
  serverOptions: { deployments: SERVED },
  createProvider: (server, overrides) => create(server, overrides, DATED_VERSION, true),
  validateRequest: (request) => validateAzureDatedRequest(request, DATED_VERSION),
  expectedRealtimeUrl: (server) =>
    `${server.azureUrl.replace('http:', 'ws:')}/openai/realtime?api-version=${DATED_VERSION}&deployment=realtime-ga`,
});
