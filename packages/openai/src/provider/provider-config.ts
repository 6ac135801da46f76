import type { BatchEndpoint, RateLimitInfo } from '@switchboard/core';
import type { OpenAI } from 'openai';
import type { ChunkMetadataReader } from '../chat/chunk-to-events.js';
import type { FailureMapper } from '../errors/error-context.js';
import type { OpenAITransport } from '../http/transport.js';
import type { WireApi } from './wire-api.js';

/** What a model name is used for, so a provider can map it (e.g. to an Azure deployment per kind). */
export type ModelKind = 'chat' | 'embedding' | 'image' | 'realtime' | 'batch';

/** The request bodies a provider may adjust before they are sent. */
export type RequestOperation =
  | 'chat'
  | 'stream'
  | 'responses'
  | 'responses-stream'
  | 'embedding'
  | 'image'
  | 'batch-line';

/** Provider-specific behaviour plugged into the shared OpenAI implementation. */
export interface OpenAICompatibleHooks {
  /** Maps failures the provider recognises (Azure content filter); undefined falls back to the generic mapping. */
  mapFailure?: FailureMapper;
  /** Reads the request id from response headers; defaults to `x-request-id`. */
  readRequestId?: (headers: Headers) => string | undefined;
  /** Parses rate-limit headers; defaults to the `x-ratelimit-*` parser. */
  parseRateLimit?: (headers: Headers) => RateLimitInfo | undefined;
  /** Reads provider data from a chat completion as received (every field) into `providerMetadata[provider]`. */
  readResponseMetadata?: (raw: unknown) => Record<string, unknown> | undefined;
  /** Creates, once per stream, a reader of provider data in each chunk (`provider-metadata` events). */
  createChunkMetadataReader?: () => ChunkMetadataReader;
  /** Adjusts a request body just before it is sent (or written as a batch line). */
  mapRequestBody?: (body: Record<string, unknown>, operation: RequestOperation) => Record<string, unknown>;
}

/** A request `checkConnection` makes: a path below the base URL (or an absolute URL), GET unless a body is given. */
export interface ProbeRequest {
  path: string;
  body?: Record<string, unknown>;
}

/**
 * Everything the shared OpenAI implementation needs from a provider: the transport (and optionally the files client), naming, realtime URLs and auth, and hooks. `createOpenAIProvider` and `createAzureProvider` build one.
 */
export interface OpenAICompatibleConfig {
  /** The provider name: errors, `providerMetadata` keys, `providerOptions` key. */
  provider: string;
  /**
   * How every inference call (chat, streams, Responses, embeddings, images, realtime client secrets, the connection
   * check) reaches the API: base URL, auth headers per request, default query and headers, `fetch`, headers timeout.
   * Sent with web-standard `fetch`; the openai SDK is not loaded for these.
   */
  transport: OpenAITransport;
  /**
   * The SDK client for files and batches, created on first use (the SDK is loaded then, with `await import`). Defaults
   * to one built over `transport` (same URL, query, headers, auth, `fetch`, timeout; `maxRetries: 0`).
   */
  filesClient?: () => Promise<OpenAI>;
  /** The API base URL as shown to people (`checkConnection().endpoint`); never contains a key. */
  endpoint: string;
  /** Maps a logical model name to the wire model id or deployment. Defaults to the name itself. */
  resolveModel?: (model: string, kind: ModelKind) => string;
  /** True when the model is a reasoning model (sampling options left out). Defaults to the core catalog. */
  isReasoningModel?: (logicalModel: string, wireModel: string) => boolean;
  /**
   * The wire API of `chat` and `streamChat`: `chat-completions` (the default) or `responses`; a call picks another
   * with `providerOptions[key].api`.
   */
  api?: WireApi;
  /** Set when this provider cannot use the Responses API: the message of the `UnsupportedError`, naming the fix. */
  responsesUnsupported?: string;
  /** The `providerOptions` key passed through into request bodies. Defaults to `provider`. */
  providerOptionsKey?: string;
  /** Realtime: the `wss://` URL for a wire model (no key in it). */
  realtimeUrl: (wireModel: string) => string;
  /** Realtime: the auth and other headers of the upgrade request, resolved per call (keys rotate). */
  realtimeHeaders: (signal?: AbortSignal) => Promise<Record<string, string>>;
  /** Realtime: subprotocols, when the provider needs them. */
  realtimeProtocols?: string[];
  /** Batch API: the `url` of a request line for an endpoint. Defaults to the endpoint (`/v1/chat/completions`). */
  batchLineUrl?: (endpoint: BatchEndpoint) => string;
  /**
   * `checkConnection`: the cheap call to make, sent over the transport with `send` (which throws the typed error of a
   * failure). Defaults to `GET /models`.
   */
  probe?: (send: (request: ProbeRequest) => Promise<void>) => Promise<unknown>;
  /** Provider-specific behaviour. */
  hooks?: OpenAICompatibleHooks;
}
