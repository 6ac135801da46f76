import type { ContentFilterCategory } from '@switchboard/core';

/** The content filter verdicts for one prompt of the request. */
export type AzurePromptFilterResult = {
  /** Which prompt (0 for chat). */
  promptIndex: number;
  /** Verdict per category (`hate`, `jailbreak`, `self_harm`, `sexual`, `violence`, ...). */
  contentFilterResults: Record<string, ContentFilterCategory>;
};

/**
 * What the Azure provider puts in `providerMetadata.azure` of a chat response (and of each batch result line).
 * Category names are Azure's own (`self_harm`, `protected_material_code`, ...).
 */
export type AzureProviderMetadata = {
  /** Verdicts on the prompt (`prompt_filter_results`; in a stream, the first chunk). */
  promptFilterResults?: AzurePromptFilterResult[];
  /**
   * Verdicts on the completion (choice 0's `content_filter_results`). In a stream every chunk is judged separately;
   * this keeps the most severe verdict seen per category.
   */
  contentFilterResults?: Record<string, ContentFilterCategory>;
};
