import type { ChatRequest, Usage } from '@switchboard/core';
import type { FitToContextOptions, FitToContextResult } from './context/fit-to-context.js';
import type { CostEstimate, EstimateCostOptions } from './cost/estimate-cost.js';
import type { ChatTokenCount, CountChatTokensOptions } from './count/chat-token-count.js';
import type { EncodingResolution } from './encoding/resolve-encoding.js';
import { type EncodingTarget, type EstimatedRequest, Tokenizer } from './tokenizer.js';

/** The shared tokenizer behind the top-level functions: core's catalog, no logger, the default cache. */
export const defaultTokenizer: Tokenizer = new Tokenizer();

/** Tokens of `text` for a model or encoding (o200k_base without a target). See `Tokenizer.countTokens`. */
export function countTokens(text: string, target?: EncodingTarget): number {
  return defaultTokenizer.countTokens(text, target);
}

/** The tokens of `text`, identical to tiktoken's `encode_ordinary`. See `Tokenizer.encode`. */
export function encodeTokens(text: string, target?: EncodingTarget): Uint32Array {
  return defaultTokenizer.encode(text, target);
}

/** The text of `tokens`. See `Tokenizer.decode`. */
export function decodeTokens(tokens: Uint32Array | readonly number[], target?: EncodingTarget): string {
  return defaultTokenizer.decode(tokens, target);
}

/** The encoding a model counts with. See `Tokenizer.resolveEncoding`. */
export function resolveModelEncoding(model: string): EncodingResolution {
  return defaultTokenizer.resolveEncoding(model);
}

/** Prompt tokens of a chat request with a breakdown. See `Tokenizer.countChatTokens`. */
export function countChatTokens(request: ChatRequest, options?: CountChatTokensOptions): ChatTokenCount {
  return defaultTokenizer.countChatTokens(request, options);
}

/** Makes a request fit its model's context window. See `Tokenizer.fitToContext`. */
export function fitToContext(request: ChatRequest, options?: FitToContextOptions): FitToContextResult {
  return defaultTokenizer.fitToContext(request, options);
}

/** The cost of a request or a usage in USD. See `Tokenizer.estimateCost`. */
export function estimateCost(input: ChatRequest | Usage, options?: EstimateCostOptions): CostEstimate {
  return defaultTokenizer.estimateCost(input, options);
}

/** Tokens a request reserves against a TPM limit (prompt + max output). See `Tokenizer.estimateTokens`. */
export function estimateTokens(request: EstimatedRequest): number {
  return defaultTokenizer.estimateTokens(request);
}

/** Frees the shared tokenizer's WASM encoders (they are re-created on next use). */
export function dispose(): void {
  defaultTokenizer.dispose();
}
