export type {
  AzurePromptFilterResult,
  AzureProviderMetadata,
} from './content-filter/azure-provider-metadata.js';
export { createAzureProvider } from './create-azure-provider.js';
export type { AzureProviderOptions, AzureTokenProvider } from './options/azure-provider-options.js';
export { AZURE_DEFAULT_SCOPE } from './options/azure-provider-options.js';
