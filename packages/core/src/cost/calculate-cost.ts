import { type ModelCatalog, modelCatalog } from '../catalog/model-catalog.js';
import type { Usage } from '../types/usage.js';

/** A cost in USD, split by kind of token. */
export interface CostBreakdown {
  /** Uncached input tokens. */
  inputUsd: number;
  /** Cached input tokens. */
  cachedInputUsd: number;
  /** Output tokens (reasoning included). */
  outputUsd: number;
  /** The sum. */
  totalUsd: number;
  /** False when the model has no known price (the figures are then 0). */
  priced: boolean;
  /** The model whose prices were used. */
  model: string;
  /** True when the Batch API discount was applied. */
  batch: boolean;
}

/**
 * What a call costs at the catalog's list prices. Cached input tokens are billed at the cached rate (or the input
 * rate when the model has none); `batch: true` applies the Batch API discount.
 */
export function calculateCost(
  model: string,
  usage: Pick<Usage, 'inputTokens' | 'outputTokens' | 'cachedInputTokens'>,
  options: { batch?: boolean; catalog?: ModelCatalog } = {},
): CostBreakdown {
  const info = (options.catalog ?? modelCatalog).find(model);
  const pricing = info?.pricing;
  const batch = options.batch ?? false;
  if (!pricing) return { inputUsd: 0, cachedInputUsd: 0, outputUsd: 0, totalUsd: 0, priced: false, model, batch };
  const factor = batch ? 1 - pricing.batchDiscount : 1;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const perToken = (perMTok: number) => (perMTok * factor) / 1_000_000;
  const inputUsd = (usage.inputTokens - cached) * perToken(pricing.inputPerMTok);
  const cachedInputUsd = cached * perToken(pricing.cachedInputPerMTok ?? pricing.inputPerMTok);
  const outputUsd = usage.outputTokens * perToken(pricing.outputPerMTok);
  return {
    inputUsd,
    cachedInputUsd,
    outputUsd,
    totalUsd: inputUsd + cachedInputUsd + outputUsd,
    priced: true,
    model: info.id,
    batch,
  };
}
