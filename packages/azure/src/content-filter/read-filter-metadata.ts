import type { ContentFilterCategory } from '@switchboard/core';
import type { AzureProviderMetadata } from './azure-provider-metadata.js';
import { azureCompletionFieldsSchema } from './content-filter-schemas.js';
import { filterCategories } from './filter-categories.js';

/**
 * Reads the content filter fields of a chat completion or a stream chunk: `prompt_filter_results` and choice 0's
 * `content_filter_results` (left out when empty, as in the first delta of a stream). Undefined when there are none.
 */
export function readFilterMetadata(body: unknown): AzureProviderMetadata | undefined {
  const parsed = azureCompletionFieldsSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const metadata: AzureProviderMetadata = {};
  const prompts = parsed.data.prompt_filter_results;
  if (prompts && prompts.length > 0) {
    metadata.promptFilterResults = prompts.map((prompt, position) => ({
      promptIndex: prompt.prompt_index ?? position,
      contentFilterResults: filterCategories(prompt.content_filter_results ?? {}),
    }));
  }
  const choice = parsed.data.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  const results: Record<string, ContentFilterCategory> = filterCategories(choice?.content_filter_results ?? {});
  if (Object.keys(results).length > 0) metadata.contentFilterResults = results;
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}
