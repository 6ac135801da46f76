export type {
  AzurePromptFilterResult,
  AzureProviderMetadata,
} from './content-filter/azure-provider-metadata.js';
export { createAzureProvider } from './create-azure-provider.js';
export { AZURE_ENV_VARIABLES, readAzureEnv } from './options/azure-env.js';
export type { ParsedAzureOptions } from './options/azure-options.js';
export { azureOptionsSchema, parseAzureOptions } from './options/azure-options.js';
export type { AzureProviderOptions, AzureTokenProvider } from './options/azure-provider-options.js';
export { AZURE_DEFAULT_SCOPE } from './options/azure-provider-options.js';
export { checkAzureKeyFormat } from './options/check-azure-key-format.js';
