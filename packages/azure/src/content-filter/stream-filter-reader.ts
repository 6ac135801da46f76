import type { ContentFilterCategory } from '@switchboard/core';
import type { ChunkMetadataReader } from '@switchboard/openai/internal';
import type { AzureProviderMetadata } from './azure-provider-metadata.js';
import { readFilterMetadata } from './read-filter-metadata.js';

const SEVERITY_RANK: Record<string, number> = { safe: 0, low: 1, medium: 2, high: 3 };

/** How serious a verdict is: filtered above detected above severity. */
function rank(category: ContentFilterCategory): number {
  return (category.filtered ? 100 : 0) + (category.detected ? 10 : 0) + (SEVERITY_RANK[category.severity ?? ''] ?? 0);
}

/**
 * A stream's content filter reader (one per stream): the prompt verdicts of Azure's first chunk, then choice 0's
 * verdicts folded chunk by chunk into the most severe one per category. It reports only when something changed, so a
 * stream of safe chunks gives one `provider-metadata` event for the prompt and one for the completion.
 */
export function createStreamFilterReader(): ChunkMetadataReader {
  const worst: Record<string, ContentFilterCategory> = {};
  return (chunk) => {
    const read = readFilterMetadata(chunk);
    if (!read) return undefined;
    const changes: AzureProviderMetadata = {};
    if (read.promptFilterResults) changes.promptFilterResults = read.promptFilterResults;
    let changed = false;
    for (const [name, verdict] of Object.entries(read.contentFilterResults ?? {})) {
      const current = worst[name];
      if (current && rank(current) >= rank(verdict)) continue;
      worst[name] = verdict;
      changed = true;
    }
    if (changed) changes.contentFilterResults = { ...worst };
    return Object.keys(changes).length > 0 ? changes : undefined;
  };
}
