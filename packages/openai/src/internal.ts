export { resolveKey } from './auth/resolve-key.js';
export type { BatchObject, FileObject } from './batch/batch-schemas.js';
export { OpenAIBatchService } from './batch/batch-service.js';
export { buildRequestLine } from './batch/build-request-line.js';
export { jsonlBytes } from './batch/jsonl-bytes.js';
export { mapBatchJob, mapFileInfo } from './batch/map-batch-job.js';
export { parseResultLine } from './batch/parse-result-line.js';
export { readLines } from './batch/read-lines.js';
export type { ChatCompletionBody } from './chat/chat-completion-schema.js';
export { chatCompletionSchema } from './chat/chat-completion-schema.js';
export { imageUrlSync } from './chat/image-url.js';
export type { MapChatRequestOptions } from './chat/map-chat-request.js';
export { mapChatRequest } from './chat/map-chat-request.js';
export type { MapChatResponseOptions } from './chat/map-chat-response.js';
export { mapChatResponse } from './chat/map-chat-response.js';
export { mapFinishReason } from './chat/map-finish-reason.js';
export { mapMessages } from './chat/map-messages.js';
export { mapUsage } from './chat/map-usage.js';
export { resolveImageParts } from './chat/resolve-image-parts.js';
export type { ChatUsage } from './chat/usage-schema.js';
export { checkConnection } from './check-connection.js';
export { decodeEmbedding } from './embeddings/decode-embedding.js';
export { embed, MAX_EMBEDDING_INPUTS } from './embeddings/embed.js';
export { mapEmbeddingRequest } from './embeddings/map-embedding-request.js';
export { mapEmbeddingResponse } from './embeddings/map-embedding-response.js';
export type { BaseErrorOptions, ErrorContext, FailureMapper } from './errors/error-context.js';
export type { ErrorObject, HttpFailure } from './errors/http-failure.js';
export { readErrorObject } from './errors/http-failure.js';
export { baseErrorOptions, mapHttpFailure, readRequestId } from './errors/map-http-failure.js';
export { mapOpenAIError } from './errors/map-openai-error.js';
export { parseRetryAfterMs } from './errors/retry-after.js';
export { parseDurationMs } from './headers/parse-duration.js';
export { parseRateLimitHeaders } from './headers/parse-rate-limit-headers.js';
export { parseJsonBody, parseJsonText, parseJsonValue } from './http/parse-json-body.js';
export { generateImage } from './images/generate-image.js';
export { isGptImageModel } from './images/is-gpt-image-model.js';
export { mapImageRequest } from './images/map-image-request.js';
export { mapImageResponse } from './images/map-image-response.js';
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
export type {
  ModelKind,
  OpenAICompatibleConfig,
  OpenAICompatibleHooks,
  RequestOperation,
} from './provider/provider-config.js';
export type { ResponseInfo, SdkRequestOptions } from './provider/provider-context.js';
export { ProviderContext } from './provider/provider-context.js';
export { createRealtimeEndpoint } from './realtime/realtime-endpoint.js';
export { realtimeUrl } from './realtime/realtime-url.js';
export type { ChatChunk } from './stream/chat-chunk-schema.js';
export { chatChunkSchema } from './stream/chat-chunk-schema.js';
export type { ChunkMetadataReader, ChunkToEventsOptions } from './stream/chunk-to-events.js';
export { ChunkToEvents } from './stream/chunk-to-events.js';
export type { SseToEventsOptions } from './stream/sse-to-events.js';
export { sseToEvents } from './stream/sse-to-events.js';
export { streamChat } from './stream/stream-chat.js';
