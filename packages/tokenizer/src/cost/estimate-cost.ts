import { type CostBreakdown, calculateCost, type ModelCatalog, type Usage } from '@switchboard/core';

/** Options of `estimateCost`. */
export interface EstimateCostOptions {
  /** The model whose prices apply. Defaults to the request's model; required for a usage. */
  model?: string;
  /** Apply the Batch API discount. Default false. */
  batch?: boolean;
  /**
   * For a request: the output tokens to price. Defaults to `request.maxOutputTokens` (the most it can cost), or 0
   * when the request sets no maximum.
   */
  outputTokens?: number;
  /** For a request: how many of its prompt tokens are expected to hit the prompt cache. Default 0. */
  cachedInputTokens?: number;
}

/** A cost in USD with the token figures it was computed from. */
export interface CostEstimate extends CostBreakdown {
  /** Input tokens priced (cached ones included). */
  inputTokens: number;
  /** Of which served from the prompt cache. */
  cachedInputTokens: number;
  /** Output tokens priced. */
  outputTokens: number;
  /** True when the token figures came from a real usage; false when they were counted from a request. */
  fromUsage: boolean;
  /** For a request: whether its prompt token count is exact (see `countChatTokens`). */
  exactInput: boolean;
}

/**
 * Prices token figures with the core catalog's list prices (`calculateCost`: input, cached input, output, the Batch
 * API discount). The breakdown's `priced` is false, and the figures 0, for a model without a known price.
 */
export function priceTokens(
  model: string,
  tokens: { inputTokens: number; outputTokens: number; cachedInputTokens: number },
  options: { batch: boolean; catalog: ModelCatalog; fromUsage: boolean; exactInput: boolean },
): CostEstimate {
  const usage: Pick<Usage, 'inputTokens' | 'outputTokens' | 'cachedInputTokens'> = tokens;
  const breakdown = calculateCost(model, usage, { batch: options.batch, catalog: options.catalog });
  return {
    ...breakdown,
    inputTokens: tokens.inputTokens,
    cachedInputTokens: Math.min(tokens.cachedInputTokens, tokens.inputTokens),
    outputTokens: tokens.outputTokens,
    fromUsage: options.fromUsage,
    exactInput: options.exactInput,
  };
}
