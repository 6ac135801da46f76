export { BUILTIN_MODELS } from './catalog/builtin-models.js';
export type { CheckReasoningOptions } from './catalog/check-reasoning-options.js';
export { checkReasoningOptions } from './catalog/check-reasoning-options.js';
export { ModelCatalog, modelCatalog } from './catalog/model-catalog.js';
export type { EncodingName, ModelCapabilities, ModelInfo, ModelPricing } from './catalog/model-info.js';
export type { ApiKeySource } from './config/api-key.js';
export { resolveApiKey } from './config/api-key.js';
export type { ConfigSources, CrossFieldProblem, ParseConfigOptions } from './config/parse-config.js';
export { parseConfig, toConfigIssues } from './config/parse-config.js';
export type { EnvironmentVariables, EnvOptions } from './config/read-env-options.js';
export { processEnv, readEnvOptions } from './config/read-env-options.js';
export type { BatchOptions, RateLimitOptions, RetryOptions } from './config/schemas.js';
export { batchOptionsSchema, rateLimitOptionsSchema, retryOptionsSchema } from './config/schemas.js';
export { suggestOption } from './config/suggest-option.js';
export type { CostBreakdown } from './cost/calculate-cost.js';
export { calculateCost } from './cost/calculate-cost.js';
export type { ConfigIssue, ContentFilterCategory, ErrorClassOptions, TimeoutPhase } from './errors/error-classes.js';
export {
  AbortedError,
  AuthenticationError,
  CircuitOpenError,
  ConfigError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  ParseError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnsupportedError,
} from './errors/error-classes.js';
export type { HttpErrorDetails } from './errors/error-from-http-status.js';
export { errorFromHttpStatus } from './errors/error-from-http-status.js';
export { maskSecret, redactSecrets, registerSecret, registerUrlSecrets } from './errors/redact.js';
export type {
  ErrorSeverity,
  ErrorSource,
  SwitchboardErrorCode,
  SwitchboardErrorOptions,
} from './errors/switchboard-error.js';
export { isSwitchboardError, SwitchboardError } from './errors/switchboard-error.js';
export { toSwitchboardError } from './errors/to-switchboard-error.js';
export type { AnalyzeImageOptions } from './helpers/analyze-image.js';
export { analyzeImage, DEFAULT_VISION_MODEL } from './helpers/analyze-image.js';
export type { AskOptions } from './helpers/ask.js';
export { ask, DEFAULT_ASK_MODEL } from './helpers/ask.js';
export type { CreateImageOptions } from './helpers/create-image.js';
export { createImage, DEFAULT_IMAGE_MODEL } from './helpers/create-image.js';
export type { ReadImageFile, ToImageUrlOptions } from './helpers/image-input.js';
export { sniffImageType, toImageUrl } from './helpers/image-input.js';
export { combineHooks } from './hooks/combine-hooks.js';
export type {
  CallEventBase,
  CircuitStateChangeEvent,
  ErrorEvent,
  HookOperation,
  Hooks,
  RateLimitWaitEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './hooks/hook-events.js';
export type { WithHooksOptions } from './hooks/with-hooks.js';
export { withHooks } from './hooks/with-hooks.js';
export { lazySchema } from './lazy/lazy-schema.js';
export type { Zod } from './lazy/load-zod.js';
export { loadZod } from './lazy/load-zod.js';
export type { LogFn, Logger } from './logging/logger.js';
export { silentLogger } from './logging/logger.js';
export { redactingLogger } from './logging/redacting-logger.js';
export type { StreamCallOptions, StreamParts } from './middleware/stream-parts.js';
export { openChatParts, PROVIDER_STREAM_PARTS, partsStreamChat } from './middleware/stream-parts.js';
export type { CallContext, Operation, ProviderMiddleware } from './middleware/wrap-provider.js';
export { wrapProvider } from './middleware/wrap-provider.js';
export type { ChatStreamConstructor, ChatStreamOptions, ChatStreamSource } from './stream/chat-stream.js';
export { CHAT_STREAM_PARTS, ChatStream, hasChatStreamParts } from './stream/chat-stream.js';
export type { StreamTimeoutOptions } from './stream/stream-timeouts.js';
export { withStreamTimeouts } from './stream/stream-timeouts.js';
export type { DeepPartial } from './structured/deep-partial.js';
export type { GenerateObjectOptions, GenerateObjectResult } from './structured/generate-object.js';
export { generateObject } from './structured/generate-object.js';
export type { ObjectCallOptions, ObjectPrompt } from './structured/object-call.js';
export { parsePartialJson } from './structured/parse-partial-json.js';
export type { StreamObjectOptions } from './structured/stream-object.js';
export { ObjectStream, streamObject } from './structured/stream-object.js';
export type { StructuredOutputFailure, StructuredOutputIssue } from './structured/structured-output-error.js';
export { StructuredOutputError } from './structured/structured-output-error.js';
export type { StrictJsonSchema } from './structured/to-strict-json-schema.js';
export { toStrictJsonSchema } from './structured/to-strict-json-schema.js';
export type { PromptTemplate, TemplateMessage } from './templates/prompt-template.js';
export { createPromptTemplate, TemplateError } from './templates/prompt-template.js';
export { runTools } from './tools/run-tools.js';
export { streamTools, ToolStream } from './tools/stream-tools.js';
export type { Tool, ToolExecutionContext, ToolSet } from './tools/tool.js';
export { tool } from './tools/tool.js';
export type { ToolCallFailure } from './tools/tool-call-error.js';
export { ToolCallError } from './tools/tool-call-error.js';
export type {
  RunToolsOptions,
  RunToolsResult,
  StepChatEvent,
  StepFinishEvent,
  StepResult,
  StepStartEvent,
  ToolResultEvent,
  ToolStreamEvent,
} from './tools/tool-loop-types.js';
export type { ToolFailure, ToolResult, ToolSuccess, TypedToolCall } from './tools/tool-results.js';
export type {
  BatchEndpoint,
  BatchFileContent,
  BatchJob,
  BatchRequestLine,
  BatchResultLine,
  BatchService,
  BatchStatus,
  FileInfo,
} from './types/batch.js';
export type { CallOptions } from './types/call-options.js';
export type {
  AssistantMessage,
  ChatMessage,
  ChatRequest,
  ImageDetail,
  ImagePart,
  ImageSource,
  ProviderOptions,
  ReasoningEffort,
  ReasoningOptions,
  ReasoningSummary,
  ResponseFormat,
  SystemMessage,
  TextPart,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  UserContentPart,
  UserMessage,
  Verbosity,
} from './types/chat-request.js';
export type { ChatResponse, FinishReason, ResponseToolCall } from './types/chat-response.js';
export type { EmbeddingRequest, EmbeddingResponse } from './types/embedding.js';
export type { GeneratedImage, ImageRequest, ImageResponse } from './types/image.js';
export type { ConnectionStatus, Provider } from './types/provider.js';
export type {
  RealtimeClientSecret,
  RealtimeClientSecretRequest,
  RealtimeConnectionInfo,
  RealtimeEndpoint,
  RealtimeResolveOptions,
} from './types/realtime-endpoint.js';
export type {
  ChatStreamEvent,
  ChatStreamPart,
  FinishEvent,
  KeepAliveEvent,
  ProviderMetadataEvent,
  ReasoningDeltaEvent,
  RefusalDeltaEvent,
  StreamStartEvent,
  TextDeltaEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
} from './types/stream-events.js';
export type { RateLimitInfo, Usage } from './types/usage.js';
export type { UsageStats } from './usage/usage-tracker.js';
export { UsageTracker } from './usage/usage-tracker.js';
export type { Deferred } from './utils/deferred.js';
export { createDeferred } from './utils/deferred.js';
