export type {
  FitToContextOptions,
  FitToContextResult,
  RemovedMessage,
} from './context/fit-to-context.js';
export type { CostEstimate, EstimateCostOptions } from './cost/estimate-cost.js';
export type { ChatTokenCount, CountChatTokensOptions, TokenPart } from './count/chat-token-count.js';
export { countResponsesInputTokens, estimateResponsesCost } from './count/count-responses-input.js';
export type { ResponsesContentPart, ResponsesInput, ResponsesInputItem } from './count/responses-input.js';
export { responsesInputToChatRequest } from './count/responses-input.js';
export type { TokenCountCacheOptions } from './count/token-count-cache.js';
export {
  countChatTokens,
  countTokens,
  decodeTokens,
  defaultTokenizer,
  dispose,
  encodeTokens,
  estimateCost,
  estimateTokens,
  fitToContext,
  resolveModelEncoding,
} from './default-tokenizer.js';
export { ENCODING_NAMES } from './encoding/encoding-names.js';
export { MODEL_ENCODINGS } from './encoding/model-encodings.js';
export type { EncodingResolution } from './encoding/resolve-encoding.js';
export type { ImageSize } from './images/image-size.js';
export { imageSizeFromBytes, imageSizeOf } from './images/image-size.js';
export type { ImageTokenRule, PatchRule, TileRule } from './images/image-token-rules.js';
export { IMAGE_TOKEN_RULES } from './images/image-token-rules.js';
export type { VisionDetail } from './images/image-tokens.js';
export { patchImageTokens, tileImageTokens } from './images/image-tokens.js';
export type { InitTokenizerOptions } from './runtime/init-tokenizer.js';
export { initTokenizer } from './runtime/init-tokenizer.js';
export type { RankData } from './runtime/rank-data.js';
export type { WasmSource } from './runtime/tiktoken-runtime.js';
export type { EncodingTarget, EstimatedRequest, TokenizerOptions } from './tokenizer.js';
export { createTokenizer, Tokenizer } from './tokenizer.js';
