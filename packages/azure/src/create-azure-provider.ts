import { type EnvironmentVariables, type Provider, processEnv } from '@switchboard/core';
import { createOpenAICompatibleProvider } from '@switchboard/openai/internal';
import { authHeader, azureCredential } from './client/azure-credential.js';
import { azureTransport } from './client/azure-transport.js';
import { mapContentFilterFailure } from './content-filter/map-content-filter-failure.js';
import { readFilterMetadata } from './content-filter/read-filter-metadata.js';
import { createStreamFilterReader } from './content-filter/stream-filter-reader.js';
import { readAzureEnv } from './options/azure-env.js';
import { type ParsedAzureOptions, parseAzureOptions } from './options/azure-options.js';
import type { AzureProviderOptions } from './options/azure-provider-options.js';
import { azureBaseUrl, azureSurface, responsesUnsupported } from './options/azure-surface.js';
import { resolveDeployment } from './options/resolve-deployment.js';
import { resourceUrl } from './options/resource-url.js';
import { readAzureRequestId } from './read-azure-request-id.js';
import { azureRealtimeUrl } from './realtime/azure-realtime-url.js';

/**
 * Creates the Azure OpenAI provider: the same `Provider` as `createOpenAIProvider` (chat, streaming, vision,
 * embeddings, images, the Batch API, the realtime descriptor, `checkConnection`), built on the OpenAI provider's
 * internals, so an application swaps one for the other in one line. The v1 GA surface is the default; a dated
 * `apiVersion` switches to `/openai/deployments/{deployment}/...?api-version=`. Logical model names go through
 * `deployments`. Options are validated at once: every problem (both or neither of `apiKey` and `tokenProvider`, say)
 * is reported in one `ConfigError`.
 */
export function createAzureProvider(options: AzureProviderOptions): Provider {
  return buildAzureProvider(parseAzureOptions(options));
}

function buildAzureProvider(parsed: ParsedAzureOptions): Provider {
  const resource = resourceUrl(parsed);
  const surface = azureSurface(parsed.apiVersion);
  const credential = azureCredential(parsed);
  const transport = azureTransport({ ...parsed, resourceUrl: resource, surface, credential });
  const deployments = parsed.deployments ?? {};
  return createOpenAICompatibleProvider({
    provider: 'azure',
    transport,
    endpoint: azureBaseUrl(resource, surface),
    resolveModel: (model, kind) => resolveDeployment(deployments, model, kind),
    ...(parsed.api ? { api: parsed.api } : {}),
    ...withResponsesUnsupported(responsesUnsupported(surface)),
    realtimeUrl: (deployment) => azureRealtimeUrl(resource, surface, deployment),
    realtimeHeaders: async () => ({ ...parsed.defaultHeaders, ...authHeader(credential, await credential.resolve()) }),
    // Azure's batch input lines name the operation without the `/v1` prefix.
    batchLineUrl: (endpoint) => endpoint.replace(/^\/v1/, ''),
    hooks: {
      mapFailure: mapContentFilterFailure,
      readRequestId: readAzureRequestId,
      readResponseMetadata: readFilterMetadata,
      createChunkMetadataReader: createStreamFilterReader,
    },
  });
}

function withResponsesUnsupported(message: string | undefined): { responsesUnsupported?: string } {
  return message ? { responsesUnsupported: message } : {};
}

/**
 * Creates the Azure provider from `AZURE_OPENAI_ENDPOINT`, `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_API_VERSION` and
 * `AZURE_OPENAI_DEPLOYMENTS`, with `overrides` on top. Throws a `ConfigError` naming the variable when one is missing
 * or wrong. (With Entra ID, call `createAzureProvider` with a `tokenProvider`.) Without an `env`, the process
 * environment is read.
 */
createAzureProvider.fromEnv = (
  overrides: Partial<AzureProviderOptions> = {},
  env: EnvironmentVariables = processEnv(),
): Provider => {
  const { options, sources, problems } = readAzureEnv(env);
  return buildAzureProvider(parseAzureOptions({ ...options, ...overrides }, sources, problems));
};
