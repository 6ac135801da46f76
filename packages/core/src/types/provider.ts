import type { BatchService } from './batch.js';
import type { CallOptions } from './call-options.js';
import type { ChatRequest } from './chat-request.js';
import type { ChatResponse } from './chat-response.js';
import type { ChatStream } from './chat-stream.js';
import type { EmbeddingRequest, EmbeddingResponse } from './embedding.js';
import type { ImageRequest, ImageResponse } from './image.js';
import type { RealtimeEndpoint } from './realtime-endpoint.js';

/** The outcome of `checkConnection()`. */
export interface ConnectionStatus {
  /** True when the key is valid and the endpoint answered. */
  ok: boolean;
  /** The provider name. */
  provider: string;
  /** The endpoint that was checked (never with a key in it). */
  endpoint: string;
  /** Round-trip time of the check. */
  latencyMs: number;
  /** What is wrong, in words a person can act on, when `ok` is false. */
  problem?: string;
  /** The typed error behind `problem`. */
  error?: Error;
}

/** The one contract every provider implements. */
export interface Provider {
  /** The provider name: `openai`, `azure`, ... */
  readonly name: string;
  /** Sends a chat request and waits for the whole answer. */
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /** Sends a chat request and streams the answer. */
  streamChat(request: ChatRequest, options?: CallOptions): ChatStream;
  /** Embeds texts. */
  embed?(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;
  /** Generates images. */
  generateImage?(request: ImageRequest, options?: CallOptions): Promise<ImageResponse>;
  /** How to open a realtime session. */
  readonly realtime?: RealtimeEndpoint;
  /** The provider-side Batch API. */
  readonly batches?: BatchService;
  /** Checks the key and the endpoint with a cheap call. */
  checkConnection?(options?: CallOptions): Promise<ConnectionStatus>;
}
