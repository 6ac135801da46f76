import {
  type CapturedRequest,
  type Harness,
  type ProviderOverrides,
  SUITE_MODELS,
  type SuiteTarget,
  useHarness,
} from '@internal/provider-suite';
import type { ApiKeySource, Provider } from '@switchboard/core';
import type { MockServer, MockServerOptions } from '@switchboard/mock-server';
import { type AzureProviderOptions, createAzureProvider } from '../../src/index.js';
import { validateAzureDatedRequest, validateAzureV1Request } from './validate-azure-request.js';

/** A key the mock servers of these tests accept. */
export const GOOD_KEY = 'azure-test-mock-key-0123456789';

/** The dated API version the tests use: the one the reference Azure spec describes. */
export const DATED_VERSION = '2024-10-21';

/** A dated preview API version with the Responses API (`/openai/responses?api-version=`). */
export const RESPONSES_PREVIEW_VERSION = '2025-03-01-preview';

/** Logical model names (the suite's, as an OpenAI user writes them) → deployment names. */
export const DEPLOYMENTS: Record<string, string> = {
  'gpt-4o-mini': 'chat-4o-mini',
  'gpt-5-mini': 'reasoning-5-mini',
  'text-embedding-3-small': 'embed-small',
  'dall-e-3': 'dalle3',
  'gpt-image-1': 'image-1',
  'gpt-realtime': 'realtime-ga',
  'batch:gpt-4o-mini': 'chat-4o-mini-globalbatch',
};

/** What the mock serves: deployment name → model (any other name gets Azure's 404 DeploymentNotFound). */
export const SERVED: Record<string, string> = Object.fromEntries(
  Object.entries(DEPLOYMENTS).map(([model, deployment]) => [deployment, model.replace(/^\w+:/, '')]),
);

/** How a test provider authenticates. */
export type AuthMethod = 'api-key' | 'entra';

/** The suite's key (or key function) as the chosen credential; with Entra ID the mock takes it as a Bearer token. */
export function credentialOptions(apiKey: ApiKeySource, auth: AuthMethod): Partial<AzureProviderOptions> {
  if (auth === 'api-key') return { apiKey };
  return { tokenProvider: async () => (typeof apiKey === 'function' ? await apiKey() : apiKey) };
}

/** An Azure provider on a mock server, built from the suite's overrides and Azure options. */
export function createTestProvider(
  server: MockServer,
  overrides: Partial<ProviderOverrides>,
  options: { apiVersion?: string; auth?: AuthMethod } & Partial<AzureProviderOptions> = {},
): Provider {
  const { auth = options.tokenProvider ? 'entra' : 'api-key', ...rest } = options;
  return createAzureProvider({
    endpoint: overrides.origin ?? server.azureUrl,
    ...credentialOptions(overrides.apiKey ?? GOOD_KEY, auth),
    deployments: DEPLOYMENTS,
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
    ...(overrides.api ? { api: overrides.api } : {}),
    ...rest,
  });
}

/**
 * Validates a request on either surface: `/openai/v1/...` against the OpenAI spec, the rest as dated requests of the
 * api-version they carry (a request without one fails).
 */
export function validateAzureRequest(request: CapturedRequest): string[] {
  return request.url.pathname.startsWith('/openai/v1/')
    ? validateAzureV1Request(request)
    : validateAzureDatedRequest(request, request.url.searchParams.get('api-version') ?? DATED_VERSION);
}

/** The shared suite's target for one surface and auth method. */
export function azureSuiteTarget(apiVersion: string, auth: AuthMethod): SuiteTarget {
  const v1 = apiVersion === 'v1';
  return {
    name: 'azure',
    surface: 'azure',
    goodKey: GOOD_KEY,
    models: SUITE_MODELS,
    serverOptions: { deployments: SERVED },
    createProvider: (server, overrides) => createTestProvider(server, overrides, { apiVersion, auth }),
    validateRequest: v1 ? validateAzureV1Request : (request) => validateAzureDatedRequest(request, apiVersion),
    expectedRealtimeUrl: (server) =>
      v1
        ? `${server.azureUrl.replace('http:', 'ws:')}/openai/v1/realtime?model=realtime-ga`
        : `${server.azureUrl.replace('http:', 'ws:')}/openai/realtime?api-version=${apiVersion}&deployment=realtime-ga`,
  };
}

/**
 * The shared suite's harness for Azure-only tests: a mock server with the test deployments that accepts only
 * `GOOD_KEY`, a recording fetch, and every request body validated after each test (v1 or dated, by its path).
 */
export function useAzureHarness(options: MockServerOptions = {}): Harness & {
  /** An Azure provider over the recording fetch with these options. */
  azure(options?: { apiVersion?: string; auth?: AuthMethod } & Partial<AzureProviderOptions>): Provider;
} {
  const target = { ...azureSuiteTarget('v1', 'api-key'), validateRequest: validateAzureRequest };
  const harness = useHarness(target, { deployments: SERVED, apiKeys: [GOOD_KEY], ...options });
  return Object.assign(harness, {
    azure: (azureOptions = {}) => createTestProvider(harness.server, { fetch: harness.recorder.fetch }, azureOptions),
  });
}
