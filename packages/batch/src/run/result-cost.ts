import { calculateCost, type ModelCatalog } from '@switchboard/core';
import type { BatchSuccess } from '../types/batch-result.js';

/**
 * What a successful result cost at catalog prices (with the Batch API discount when `batch`); 0 when unpriced.
 * The model the response reports is priced first, then the requested one (an Azure deployment name, say, may be
 * unknown to the catalog while the model behind it is known).
 */
export function resultCost(
  requestedModel: string,
  result: Pick<BatchSuccess, 'chat' | 'embedding'>,
  options: { batch?: boolean; catalog?: ModelCatalog } = {},
): number {
  const usage =
    result.chat?.usage ?? (result.embedding && { inputTokens: result.embedding.usage.inputTokens, outputTokens: 0 });
  if (!usage) return 0;
  const reported = result.chat?.model ?? result.embedding?.model;
  const priced = reported ? calculateCost(reported, usage, options) : undefined;
  if (priced?.priced) return priced.totalUsd;
  return calculateCost(requestedModel, usage, options).totalUsd;
}
