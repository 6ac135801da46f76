import { ApiError, invalidRequest, invalidType, invalidValue, missingParameter } from '../http/api-error.js';
import {
  type JsonBody,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  rejectUnknown,
  requireModel,
} from '../http/fields.js';
import { isJsonObject } from '../vocabulary/json.js';
import { unsupportedValueMessage } from '../vocabulary/messages.js';

/** Every top-level parameter the real `POST /v1/chat/completions` accepts (from the OpenAI spec). */
const KNOWN_PARAMETERS = new Set([
  'metadata',
  'top_logprobs',
  'temperature',
  'top_p',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'messages',
  'model',
  'service_tier',
  'modalities',
  'verbosity',
  'reasoning_effort',
  'max_completion_tokens',
  'frequency_penalty',
  'presence_penalty',
  'web_search_options',
  'response_format',
  'audio',
  'store',
  'moderation',
  'stream',
  'stop',
  'logit_bias',
  'logprobs',
  'max_tokens',
  'n',
  'prediction',
  'seed',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'function_call',
  'functions',
  // Azure-only extensions the Azure surface accepts.
  'data_sources',
  'user_security_context',
]);

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;

/** A function tool the model may call. */
export interface ChatTool {
  name: string;
  parameters: unknown;
}

/** The chat request, checked: what the answer generator needs and nothing more. */
export interface ChatRequest {
  model: string;
  /** Text of every message, for the prompt-token estimate. */
  promptText: string;
  /** The text the answer is derived from: the last user message's text. */
  lastUserText: string;
  /** True when the last message is a tool result (so the model answers instead of calling again). */
  afterToolResult: boolean;
  imageCount: number;
  imageTokens: number;
  messageCount: number;
  n: number;
  maxTokens: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  seed: number | undefined;
  stop: string[];
  tools: ChatTool[];
  toolChoice: 'none' | 'auto' | 'required' | { name: string };
  parallelToolCalls: boolean;
  responseFormat: { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; name: string; schema: unknown };
  logprobs: boolean;
}

/** Parses and checks a chat completions body the way the real API does, with its error wording. */
export function parseChatRequest(body: JsonBody, options: { modelOverride?: string } = {}): ChatRequest {
  rejectUnknown(body, KNOWN_PARAMETERS);
  const model = options.modelOverride ?? requireModel(body);
  const messages = body.messages;
  if (messages === undefined || messages === null) throw missingParameter('messages');
  if (!Array.isArray(messages)) throw invalidType('messages', 'an array', messages);
  if (messages.length === 0) throw invalidRequest("[] is too short - 'messages'", 'messages', 'empty_array');
  optionalNumber(body, 'temperature', { min: 0, max: 2 });
  optionalNumber(body, 'top_p', { min: 0, max: 1 });
  optionalNumber(body, 'frequency_penalty', { min: -2, max: 2 });
  optionalNumber(body, 'presence_penalty', { min: -2, max: 2 });
  const n = optionalNumber(body, 'n', { min: 1, max: 128, integer: true }) ?? 1;
  const maxCompletion = optionalNumber(body, 'max_completion_tokens', { min: 1, integer: true });
  const maxTokens = optionalNumber(body, 'max_tokens', { min: 1, integer: true });
  if (maxCompletion !== undefined && maxTokens !== undefined) {
    throw invalidRequest(
      'max_tokens and max_completion_tokens cannot both be set. Please use only max_completion_tokens.',
      'max_tokens',
      'invalid_request_error',
    );
  }
  const stream = optionalBoolean(body, 'stream') ?? false;
  const streamOptions = optionalObject(body, 'stream_options');
  if (streamOptions && !stream) {
    throw invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
      'invalid_value',
    );
  }
  const includeUsage = streamOptions ? (optionalBoolean(streamOptions, 'include_usage') ?? false) : false;
  const seed = optionalNumber(body, 'seed', { integer: true });
  const logprobs = optionalBoolean(body, 'logprobs') ?? false;
  const stop = parseStop(body.stop);
  const tools = parseTools(body.tools);
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  const parallelToolCalls = optionalBoolean(body, 'parallel_tool_calls') ?? true;
  const responseFormat = parseResponseFormat(body.response_format);
  const parsed = parseMessages(messages);
  return {
    model,
    ...parsed,
    messageCount: messages.length,
    n,
    maxTokens: maxCompletion ?? maxTokens,
    stream,
    includeUsage,
    seed,
    stop,
    tools,
    toolChoice,
    parallelToolCalls,
    responseFormat,
    logprobs,
  };
}

function parseStop(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    if (value.length > 4) throw invalidRequest(`${JSON.stringify(value)} is too long - 'stop'`, 'stop');
    return value as string[];
  }
  throw invalidType('stop', 'a string or an array of strings', value);
}

function parseTools(value: unknown): ChatTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidType('tools', 'an array', value);
  return value.map((tool, index) => {
    const param = `tools[${index}]`;
    if (tool === null || typeof tool !== 'object') throw invalidType(param, 'an object', tool);
    const { type, function: fn } = tool as Record<string, unknown>;
    if (type !== 'function' && type !== 'custom')
      throw invalidValue(`${param}.type`, unsupportedValueMessage(type, ['function', 'custom'], true));
    if (fn === null || typeof fn !== 'object') throw missingParameter(`${param}.function`);
    const { name, parameters } = fn as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw missingParameter(`${param}.function.name`);
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw invalidValue(
        `${param}.function.name`,
        `Invalid '${param}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      );
    }
    return { name, parameters: parameters ?? { type: 'object', properties: {} } };
  });
}

function parseToolChoice(value: unknown, tools: ChatTool[]): ChatRequest['toolChoice'] {
  if (value === undefined || value === null) return tools.length > 0 ? 'auto' : 'none';
  if (tools.length === 0) {
    throw invalidRequest(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  if (value === 'none' || value === 'auto' || value === 'required') return value;
  if (typeof value === 'object' && value !== null) {
    const name = ((value as Record<string, unknown>).function as Record<string, unknown> | undefined)?.name;
    if (typeof name === 'string') {
      if (!tools.some((tool) => tool.name === name)) {
        throw invalidRequest(
          `Invalid value for 'tool_choice': tool choice '${name}' not found in 'tools' parameter.`,
          'tool_choice',
        );
      }
      return { name };
    }
  }
  throw invalidValue(
    'tool_choice',
    "Invalid value for 'tool_choice': expected one of 'none', 'auto', 'required', or a named tool.",
  );
}

function parseResponseFormat(value: unknown): ChatRequest['responseFormat'] {
  if (value === undefined || value === null) return { type: 'text' };
  if (!isJsonObject(value)) throw invalidType('response_format', 'an object', value);
  const body = value as JsonBody;
  const type = optionalEnum(body, 'type', ['text', 'json_object', 'json_schema'] as const);
  if (type === undefined) throw missingParameter('response_format.type');
  if (type !== 'json_schema') return { type };
  const jsonSchema = body.json_schema;
  if (jsonSchema === null || typeof jsonSchema !== 'object') throw missingParameter('response_format.json_schema');
  const { name, schema } = jsonSchema as JsonBody;
  if (typeof name !== 'string') throw missingParameter('response_format.json_schema.name');
  return { type, name, schema: schema ?? {} };
}

function parseMessages(messages: unknown[]) {
  let promptText = '';
  let lastUserText = '';
  let imageCount = 0;
  let imageTokens = 0;
  let afterToolResult = false;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const param = `messages[${i}]`;
    if (!isJsonObject(message)) throw invalidType(param, 'an object', message);
    const { role, content } = message as JsonBody;
    if (role === undefined) throw missingParameter(`${param}.role`);
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw invalidValue(
        `${param}.role`,
        unsupportedValueMessage(role, ['system', 'assistant', 'user', 'function', 'tool', 'developer'], true),
      );
    }
    const hasToolCalls = Array.isArray((message as JsonBody).tool_calls);
    if (content === undefined && !(role === 'assistant' && hasToolCalls)) throw missingParameter(`${param}.content`);
    if (role === 'tool' && typeof (message as JsonBody).tool_call_id !== 'string')
      throw missingParameter(`${param}.tool_call_id`);
    const text = contentText(content, param, (detail) => {
      imageCount++;
      imageTokens += detail === 'low' ? 85 : 765;
    });
    promptText += `${role}: ${text}\n`;
    if (role === 'user') lastUserText = text;
    afterToolResult = role === 'tool' || role === 'function';
  }
  return { promptText, lastUserText, afterToolResult, imageCount, imageTokens };
}

function contentText(content: unknown, param: string, onImage: (detail: string) => void): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidType(`${param}.content`, 'a string or an array', content);
  const texts: string[] = [];
  content.forEach((part, index) => {
    const partParam = `${param}.content[${index}]`;
    if (part === null || typeof part !== 'object') throw invalidType(partParam, 'an object', part);
    const { type, text, image_url: imageUrl } = part as JsonBody;
    if (type === 'text' || type === 'refusal') {
      if (typeof text !== 'string' && type === 'text') throw missingParameter(`${partParam}.text`);
      if (typeof text === 'string') texts.push(text);
    } else if (type === 'image_url') {
      const url = (imageUrl as JsonBody | undefined)?.url;
      if (typeof url !== 'string') throw missingParameter(`${partParam}.image_url.url`);
      if (!/^(https?:|data:image\/)/.test(url)) {
        throw invalidRequest(
          `Invalid image URL: '${partParam}.image_url.url'. Expected a valid URL, but got a value with an invalid format.`,
          `${partParam}.image_url.url`,
          'invalid_value',
        );
      }
      onImage(String((imageUrl as JsonBody).detail ?? 'auto'));
    } else if (type === 'input_audio' || type === 'file') {
      texts.push(`[${type}]`);
    } else {
      throw new ApiError(400, {
        message: unsupportedValueMessage(type, ['text', 'image_url', 'input_audio', 'refusal', 'file'], true),
        param: `${partParam}.type`,
        code: 'invalid_value',
      });
    }
  });
  return texts.join('\n');
}
