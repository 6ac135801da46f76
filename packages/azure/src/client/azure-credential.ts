import { type ApiKeySource, AuthenticationError, isSwitchboardError, resolveApiKey } from '@switchboard/core';
import { AZURE_DEFAULT_SCOPE, type AzureTokenProvider } from '../options/azure-provider-options.js';

/** How the provider authenticates, resolved before every request so keys and tokens can rotate. */
export interface AzureCredential {
  /** `api-key`: a key sent as the `api-key` header; `entra`: an Entra ID token sent as `Authorization: Bearer`. */
  kind: 'api-key' | 'entra';
  /** The current key or token. */
  resolve(): Promise<string>;
}

/** The credential from the options: exactly one of `apiKey` and `tokenProvider` is set (the schema checks that). */
export function azureCredential(options: {
  apiKey?: ApiKeySource | undefined;
  tokenProvider?: AzureTokenProvider | undefined;
  scope?: string | undefined;
}): AzureCredential {
  const { apiKey, tokenProvider } = options;
  if (apiKey !== undefined) return { kind: 'api-key', resolve: () => resolveApiKey(apiKey) };
  const scope = options.scope ?? AZURE_DEFAULT_SCOPE;
  return {
    kind: 'entra',
    async resolve() {
      try {
        return await (tokenProvider as AzureTokenProvider)(scope);
      } catch (error) {
        if (isSwitchboardError(error)) throw error;
        throw new AuthenticationError({
          message: `The Entra ID token provider failed for scope ${scope}: ${error instanceof Error ? error.message : String(error)}`,
          provider: 'azure',
          source: 'client',
          cause: error,
        });
      }
    },
  };
}

/** The auth header carrying a resolved key or token. */
export function authHeader(credential: AzureCredential, value: string): Record<string, string> {
  return credential.kind === 'api-key' ? { 'api-key': value } : { Authorization: `Bearer ${value}` };
}
