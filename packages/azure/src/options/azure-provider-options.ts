import type { z } from 'zod';
import type { azureOptionsSchema } from './azure-options.js';

/**
 * An Entra ID token provider: `getBearerTokenProvider(credential, scope)` from `@azure/identity` as it is, or any
 * function returning a bearer token. It is called before every request (tokens expire; the provider caches them) and
 * is given the configured scope, so a hand-written provider can ask its credential for the right one.
 */
export type AzureTokenProvider = (scope: string) => string | Promise<string>;

/**
 * Options of `createAzureProvider` (validated with `azureOptionsSchema`): `endpoint` or `resourceName`, `apiKey` or
 * `tokenProvider` (with `scope`), `apiVersion` (`v1` by default), `api` (`chat-completions` by default), `deployments`,
 * `defaultHeaders`, `timeoutMs`, `fetch` and `dangerouslyAllowBrowser`.
 */
export type AzureProviderOptions = z.input<typeof azureOptionsSchema>;

/** The Entra ID scope of Azure OpenAI, used when `scope` is not given. */
export const AZURE_DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';
