import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from '@switchboard/core';
import { mapResponsesInput } from './map-responses-input.js';

/** How to map one request. */
export interface MapResponsesRequestOptions {
  /** The model id on the wire (an Azure deployment name on Azure). */
  model: string;
  /** The `providerOptions` key whose object is passed through (`openai`, `azure`); its `api` is already taken out. */
  providerOptionsKey: string;
  /** Adds `stream: true`. */
  stream?: boolean;
  /** A reasoning model: the sampling options it rejects (temperature, top_p) are left out. */
  reasoning?: boolean;
}

/** The `include` value that returns reasoning as encrypted content, for conversations that are not stored. */
export const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

function mapTool(tool: ToolDefinition): Record<string, unknown> {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    parameters: tool.parameters,
    // The Responses API makes functions strict unless told otherwise; Chat Completions does not. Same default here.
    strict: tool.strict ?? false,
  };
}

function mapToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

function mapFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json') return { type: 'json_object' };
  return {
    type: 'json_schema',
    name: format.name,
    schema: format.schema,
    strict: format.strict ?? true,
    ...(format.description !== undefined ? { description: format.description } : {}),
  };
}

/**
 * Maps a neutral `ChatRequest` to a Responses API body (`POST /responses`): instructions and input items (see
 * `mapResponsesInput`), function tools and tool choice, `text.format` and `text.verbosity`, `reasoning`,
 * `max_output_tokens`, temperature and top_p (not for reasoning models), then `providerOptions[providerOptionsKey]`
 * passed through as given (`store`, `previous_response_id`, `include`, `truncation`, ...). With `store: false` the
 * reasoning comes back encrypted (`include: ['reasoning.encrypted_content']`), so it can be sent back next turn.
 * `stop`, `seed` and the penalties have no Responses field and are left out.
 */
export function mapResponsesRequest(
  request: ChatRequest,
  options: MapResponsesRequestOptions,
): Record<string, unknown> {
  const { instructions, input } = mapResponsesInput(request.messages, options.providerOptionsKey);
  const body: Record<string, unknown> = { model: options.model, input };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  set('instructions', instructions);
  if (!options.reasoning) {
    set('temperature', request.temperature);
    set('top_p', request.topP);
  }
  set('max_output_tokens', request.maxOutputTokens);
  if (request.tools && request.tools.length > 0) body.tools = request.tools.map(mapTool);
  if (request.toolChoice !== undefined) body.tool_choice = mapToolChoice(request.toolChoice);
  set('parallel_tool_calls', request.parallelToolCalls);
  const text: Record<string, unknown> = {};
  if (request.responseFormat) text.format = mapFormat(request.responseFormat);
  if (request.verbosity !== undefined) text.verbosity = request.verbosity;
  if (Object.keys(text).length > 0) body.text = text;
  const effort = request.reasoning?.effort ?? request.reasoningEffort;
  const summary = request.reasoning?.summary;
  if (effort !== undefined || summary !== undefined) {
    body.reasoning = { ...(effort !== undefined ? { effort } : {}), ...(summary !== undefined ? { summary } : {}) };
  }
  set('user', request.user);

  Object.assign(body, request.providerOptions?.[options.providerOptionsKey] ?? {});
  if (body.store === false) {
    const include = Array.isArray(body.include) ? (body.include as unknown[]) : [];
    body.include = include.includes(ENCRYPTED_REASONING) ? include : [...include, ENCRYPTED_REASONING];
  }
  if (options.stream) body.stream = true;
  else delete body.stream;
  return body;
}
