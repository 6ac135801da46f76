import type { ProviderOptions } from './chat-request.js';
import type { RateLimitInfo } from './usage.js';

/** A request for embeddings of one or more inputs. */
export interface EmbeddingRequest {
  /** A logical embedding model name. */
  model: string;
  /** The text or texts to embed. */
  input: string | string[];
  /** Shorten the vectors to this many dimensions (text-embedding-3 models). */
  dimensions?: number;
  /** Wire format; `base64` is smaller on the wire and is decoded for you. Defaults to `base64`. */
  encodingFormat?: 'float' | 'base64';
  /** An end-user id for abuse monitoring. */
  user?: string;
  /** Provider-specific options. */
  providerOptions?: ProviderOptions;
}

/** Embeddings in input order. */
export interface EmbeddingResponse {
  /** The model that answered. */
  model: string;
  /** One vector per input, in input order. */
  embeddings: Float32Array[];
  /** Token usage. */
  usage: { inputTokens: number; totalTokens: number };
  /** The provider's request id. */
  requestId?: string;
  /** Rate-limit state from the response headers. */
  rateLimit?: RateLimitInfo;
}
