import { calculateCost, type ModelCatalog } from '@switchboard/core';
import type { BatchRequest } from '../types/batch-request.js';
import type { BatchSuccess } from '../types/batch-result.js';

/** What a successful result cost at catalog prices (the Batch API discount with `batch`); 0 when unpriced. */
export function resultCost(
  request: BatchRequest,
  result: Pick<BatchSuccess, 'chat' | 'embedding'>,
  options: { batch?: boolean; catalog?: ModelCatalog } = {},
): number {
  const usage =
    result.chat?.usage ?? (result.embedding && { inputTokens: result.embedding.usage.inputTokens, outputTokens: 0 });
  if (!usage) return 0;
  const reported = result.chat?.model ?? result.embedding?.model;
  const priced = reported ? calculateCost(reported, usage, options) : undefined;
  if (priced?.priced) return priced.totalUsd;
  // An Azure deployment name or alias may be unknown to the catalog while the requested model is known.
  return calculateCost(request.request.model, usage, options).totalUsd;
}
