import type { ChatRequest, EmbeddingRequest } from '@switchboard/core';
import { estimateInputTokens } from '@switchboard/core/utils';

/** Counts (or estimates) the input tokens of one request. */
export type EstimateTokens = (request: ChatRequest | EmbeddingRequest) => number | Promise<number>;

/**
 * A tokenizer-free estimate of a request's input tokens: core's `estimateInputTokens`, the same heuristic the rate
 * limiter uses (OpenAI's documented chat framing and image prices, about four characters per token).
 */
export function heuristicTokenEstimate(request: ChatRequest | EmbeddingRequest): number {
  return estimateInputTokens(request);
}
