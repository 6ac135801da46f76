import type { ChatRequest, EmbeddingRequest, ImageRequest } from '@switchboard/core';
import { estimateInputTokens } from '@switchboard/core/utils';

/** A request whose token cost a limiter estimates. */
export type EstimatedRequest = ChatRequest | EmbeddingRequest | ImageRequest;

/** Estimates what a request costs against a tokens-per-minute limit, before it is sent. */
export type TokenEstimator = (request: EstimatedRequest) => number;

/**
 * The default estimate when no tokenizer is injected: core's `estimateInputTokens` (the heuristic the batch planner
 * shares: OpenAI's documented chat framing and image prices, about four characters per token) plus the whole
 * `maxOutputTokens`, since OpenAI and Azure count that against the limit up front.
 */
export function estimateTokens(request: EstimatedRequest): number {
  return estimateInputTokens(request) + reservedOutputTokens(request);
}

/** The output tokens a request reserves up front (its `maxOutputTokens`; 0 for other operations). */
export function reservedOutputTokens(request: EstimatedRequest | undefined): number {
  return request && 'messages' in request ? (request.maxOutputTokens ?? 0) : 0;
}
