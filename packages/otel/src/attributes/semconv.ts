/**
 * Names from the OpenTelemetry GenAI semantic conventions (v1.41 registry), written out here instead of taken from
 * `@opentelemetry/semantic-conventions`: its `incubating` entry is the only one with the GenAI names, it is several
 * hundred kilobytes, and the conventions page asks instrumentations to pin the names they emit.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  outputType: 'gen_ai.output.type',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestFrequencyPenalty: 'gen_ai.request.frequency_penalty',
  requestPresencePenalty: 'gen_ai.request.presence_penalty',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  requestSeed: 'gen_ai.request.seed',
  requestChoiceCount: 'gen_ai.request.choice.count',
  requestEncodingFormats: 'gen_ai.request.encoding_formats',
  embeddingsDimensionCount: 'gen_ai.embeddings.dimension.count',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
  toolDescription: 'gen_ai.tool.description',
  tokenType: 'gen_ai.token.type',
} as const;

/** General attributes the GenAI conventions reuse. */
export const GENERAL = {
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
} as const;

/** Attributes of our own, for what the conventions do not name (yet). */
export const SWITCHBOARD = {
  costUsd: 'switchboard.cost.usd',
  timeToFirstChunk: 'switchboard.response.time_to_first_chunk',
  streamCancelled: 'switchboard.stream.cancelled',
  reasoningTokens: 'switchboard.usage.reasoning_tokens',
  requestId: 'switchboard.request_id',
} as const;

/** The conventions' well-known `gen_ai.operation.name` values that Switchboard operations map to. */
export type GenAiOperation = 'chat' | 'embeddings' | 'generate_content' | 'execute_tool';
