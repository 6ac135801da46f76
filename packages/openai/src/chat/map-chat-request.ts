import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from '@switchboard/core';
import type {
  ChatCompletionCreateParams,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { mapMessages } from './map-messages.js';

/** How to map one request. */
export interface MapChatRequestOptions {
  /** The model id on the wire (an Azure deployment name on Azure). */
  model: string;
  /** The `providerOptions` key whose object is passed through untouched (`openai`, `azure`). */
  providerOptionsKey: string;
  /** Adds `stream: true` and `stream_options.include_usage` (on unless the provider options turn it off). */
  stream?: boolean;
  /** A reasoning model: sampling options it rejects (temperature, top_p, penalties) are left out. */
  reasoning?: boolean;
}

function mapTool(tool: ToolDefinition): ChatCompletionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      parameters: tool.parameters,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
    },
  };
}

function mapToolChoice(choice: ToolChoice): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function mapResponseFormat(format: ResponseFormat): ChatCompletionCreateParams['response_format'] {
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json') return { type: 'json_object' };
  const jsonSchema: ResponseFormatJSONSchema.JSONSchema = {
    name: format.name,
    schema: format.schema,
    strict: format.strict ?? true,
  };
  if (format.description !== undefined) jsonSchema.description = format.description;
  return { type: 'json_schema', json_schema: jsonSchema };
}

/**
 * Maps a neutral `ChatRequest` to a Chat Completions body: messages (images as URLs or data URLs; file paths must be
 * read first with `resolveImageParts`), tools and tool choice, response format, sampling options,
 * `max_completion_tokens`, then `providerOptions[providerOptionsKey]` passed through as given.
 */
export function mapChatRequest(request: ChatRequest, options: MapChatRequestOptions): ChatCompletionCreateParams {
  const body: Record<string, unknown> = { model: options.model, messages: mapMessages(request.messages) };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  if (!options.reasoning) {
    set('temperature', request.temperature);
    set('top_p', request.topP);
    set('presence_penalty', request.presencePenalty);
    set('frequency_penalty', request.frequencyPenalty);
  }
  set('max_completion_tokens', request.maxOutputTokens);
  set('stop', request.stop);
  set('seed', request.seed);
  if (request.tools && request.tools.length > 0) body.tools = request.tools.map(mapTool);
  if (request.toolChoice !== undefined) body.tool_choice = mapToolChoice(request.toolChoice);
  set('parallel_tool_calls', request.parallelToolCalls);
  if (request.responseFormat) body.response_format = mapResponseFormat(request.responseFormat);
  // `reasoningEffort` is the deprecated alias; `reasoning.summary` has no Chat Completions field (Responses API only).
  set('reasoning_effort', request.reasoning?.effort ?? request.reasoningEffort);
  set('verbosity', request.verbosity);
  set('user', request.user);

  const passThrough = request.providerOptions?.[options.providerOptionsKey] ?? {};
  Object.assign(body, passThrough);
  if (options.stream) {
    const streamOptions = isRecord(passThrough.stream_options) ? passThrough.stream_options : {};
    body.stream = true;
    body.stream_options = { include_usage: true, ...streamOptions };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return body as unknown as ChatCompletionCreateParams;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
