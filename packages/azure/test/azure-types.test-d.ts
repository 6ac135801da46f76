import type {
  ContentFilterDetectionResultOutput,
  ContentFilterResultOutput,
  ContentFilterResultsForPromptOutput,
} from '@azure/openai/types';
import type { ContentFilterCategory, Provider } from '@switchboard/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AzurePromptFilterResult,
  type AzureProviderMetadata,
  type AzureProviderOptions,
  type AzureTokenProvider,
  createAzureProvider,
} from '../src/index.js';

describe('azure types', () => {
  it("takes @azure/identity's getBearerTokenProvider result as it is", () => {
    // getBearerTokenProvider(credential, scopes) is declared as returning `() => Promise<string>`.
    type BearerTokenProvider = () => Promise<string>;
    expectTypeOf<BearerTokenProvider>().toExtend<AzureTokenProvider>();
    expectTypeOf<{ endpoint: string; tokenProvider: BearerTokenProvider }>().toExtend<AzureProviderOptions>();
  });

  it('returns the provider-neutral Provider', () => {
    expectTypeOf(createAzureProvider).returns.toEqualTypeOf<Provider>();
    expectTypeOf(createAzureProvider.fromEnv).returns.toEqualTypeOf<Provider>();
  });

  it("covers every verdict shape @azure/openai declares, and fits providerMetadata's values", () => {
    expectTypeOf<ContentFilterResultOutput>().toExtend<ContentFilterCategory>();
    expectTypeOf<ContentFilterDetectionResultOutput>().toExtend<ContentFilterCategory>();
    expectTypeOf<ContentFilterResultsForPromptOutput['prompt_index']>().toEqualTypeOf<
      AzurePromptFilterResult['promptIndex']
    >();
    expectTypeOf<AzureProviderMetadata>().toExtend<Record<string, unknown>>();
  });
});
