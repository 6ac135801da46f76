import type { ReasoningEffort } from '../types/chat-request.js';

/** What a model can do. */
export interface ModelCapabilities {
  /** Accepts image inputs. */
  vision: boolean;
  /** Supports function/tool calling. */
  tools: boolean;
  /** Supports `json_schema` structured outputs. */
  jsonSchema: boolean;
  /** Supports streaming. */
  streaming: boolean;
  /** A reasoning model (uses `max_completion_tokens`, no temperature, reasoning tokens). */
  reasoning: boolean;
  /** The reasoning efforts the model accepts (reasoning models); absent means the catalog does not know. */
  reasoningEfforts?: readonly ReasoningEffort[];
  /** Accepts `verbosity` (GPT-5 family). */
  verbosity?: boolean;
}

/** Prices in USD per 1M tokens, with where and when they were published. */
export interface ModelPricing {
  /** Input tokens. */
  inputPerMTok: number;
  /** Cached input tokens, when the model has a cache discount. */
  cachedInputPerMTok?: number;
  /** Output tokens. */
  outputPerMTok: number;
  /** The Batch API discount as a fraction of the price (0.5 = half price). */
  batchDiscount: number;
  /** Where the price was published. */
  source: string;
  /** When the price was published or last confirmed (YYYY-MM-DD). */
  asOf: string;
}

/** A tokenizer encoding name (tiktoken). */
export type EncodingName = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

/** What the catalog knows about one model. */
export interface ModelInfo {
  /** The model id. */
  id: string;
  /** What it is: chat, embedding, image or realtime. */
  kind: 'chat' | 'embedding' | 'image' | 'realtime';
  /** Context window in tokens. */
  contextWindow: number;
  /** Largest output in tokens. */
  maxOutputTokens: number;
  /** Tokenizer encoding. */
  encoding: EncodingName;
  /** What it can do. */
  capabilities: ModelCapabilities;
  /** Prices, when published per token. */
  pricing?: ModelPricing;
  /** Image prices per image by quality and size (image models). */
  imagePricing?: Record<string, Record<string, number>>;
  /** Default embedding dimensions (embedding models). */
  embeddingDimensions?: number;
  /** True when the entry is a conservative default for a model the catalog does not know. */
  unknown?: boolean;
}
