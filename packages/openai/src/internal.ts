// What a provider built on the OpenAI implementation needs, and nothing more (the Azure provider is one; the
// compatible-provider test builds another from this entry point alone). The request and response mappings, the
// stream readers and the batch internals stay private, so they can change without a major release.

export { resolveKey } from './auth/resolve-key.js';
export type { ChunkMetadataReader } from './chat/chunk-to-events.js';
export type { BaseErrorOptions, ErrorContext, FailureMapper } from './errors/error-context.js';
export type { ErrorObject, HttpFailure } from './errors/http-failure.js';
export { readRequestId } from './errors/map-http-failure.js';
export { parseRateLimitHeaders } from './headers/parse-rate-limit-headers.js';
export type { OpenAITransport, OpenResponse, TransportRequest } from './http/transport.js';
export { DEFAULT_HEADERS_TIMEOUT_MS, openRequest } from './http/transport.js';
export { browserProblem, isBrowserLike } from './options/browser-guard.js';
export {
  apiKeySchema,
  fetchSchema,
  headersSchema,
  hostOf,
  isLoopbackHost,
  timeoutMsSchema,
  webUrlSchema,
} from './options/option-schemas.js';
export { createOpenAICompatibleProvider } from './provider/create-openai-compatible-provider.js';
export { createFilesClient, loadOpenAISdk, type OpenAISdk } from './provider/files-client.js';
export type {
  ModelKind,
  OpenAICompatibleConfig,
  OpenAICompatibleHooks,
  ProbeRequest,
  RequestOperation,
} from './provider/provider-config.js';
export type { WireApi } from './provider/wire-api.js';
export { WIRE_APIS, wireApiSchema } from './provider/wire-api.js';
export { realtimeUrl } from './realtime/realtime-url.js';
