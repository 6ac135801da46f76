import { ApiError, invalidRequest, invalidType, invalidValue, missingParameter } from '../http/api-error.js';
import {
  type JsonBody,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  rejectUnknown,
} from '../http/fields.js';
import { isJsonObject } from '../vocabulary/json.js';
import { checkStrictSchema } from './strict-schema.js';

/** Every top-level parameter the real `POST /v1/responses` accepts (CreateResponse in the OpenAI spec). */
const KNOWN_PARAMETERS = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tool_calls',
  'text',
  'reasoning',
  'max_output_tokens',
  'temperature',
  'top_p',
  'top_logprobs',
  'metadata',
  'store',
  'stream',
  'stream_options',
  'include',
  'previous_response_id',
  'conversation',
  'background',
  'service_tier',
  'truncation',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'prompt',
  'moderation',
  'context_management',
]);

const INCLUDABLE = [
  'file_search_call.results',
  'web_search_call.results',
  'web_search_call.action.sources',
  'message.input_image.image_url',
  'computer_call_output.output.image_url',
  'code_interpreter_call.outputs',
  'reasoning.encrypted_content',
  'message.output_text.logprobs',
] as const;

/** The reasoning efforts the spec knows. */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** A function tool as the Responses API declares it (flat, not nested under `function`). */
export interface ResponsesFunctionTool {
  name: string;
  description: string | null;
  parameters: Record<string, unknown>;
  strict: boolean;
}

/** `text.format`. */
export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: boolean; description?: string };

/** A Responses request, checked. Input items are checked separately (input-items.ts) because they need state. */
export interface ResponsesRequest {
  model: string;
  input: string | unknown[];
  instructions: string | null;
  /** Every tool as sent (echoed back), and the function tools among them. */
  tools: unknown[];
  functionTools: ResponsesFunctionTool[];
  toolChoice: 'none' | 'auto' | 'required' | { name: string };
  /** The original `tool_choice` (echoed back). */
  toolChoiceEcho: unknown;
  parallelToolCalls: boolean;
  maxToolCalls: number | null;
  textFormat: ResponsesTextFormat;
  verbosity: 'low' | 'medium' | 'high';
  reasoning: { effort: ReasoningEffort | undefined; summary: 'auto' | 'concise' | 'detailed' | null } | undefined;
  maxOutputTokens: number | null;
  temperature: number;
  topP: number;
  topLogprobs: number;
  metadata: Record<string, string>;
  store: boolean;
  stream: boolean;
  include: string[];
  previousResponseId: string | null;
  serviceTier: string;
  truncation: 'auto' | 'disabled';
  user: string | null;
  safetyIdentifier: string | null;
  promptCacheKey: string | null;
}

/** Parses and checks a CreateResponse body the way the real API does, with its error wording. */
export function parseResponsesRequest(body: JsonBody, model: string): ResponsesRequest {
  rejectUnknown(body, KNOWN_PARAMETERS);
  const input = body.input;
  if (input !== undefined && input !== null && typeof input !== 'string' && !Array.isArray(input)) {
    throw invalidType('input', 'a string or an array', input);
  }
  const instructions = optionalString(body, 'instructions') ?? null;
  if ((input === undefined || input === null) && instructions === null && body.prompt === undefined) {
    throw missingParameter('input');
  }
  const temperature = optionalNumber(body, 'temperature', { min: 0, max: 2 }) ?? 1;
  const topP = optionalNumber(body, 'top_p', { min: 0, max: 1 }) ?? 1;
  const topLogprobs = optionalNumber(body, 'top_logprobs', { min: 0, max: 20, integer: true }) ?? 0;
  const maxOutputTokens = optionalNumber(body, 'max_output_tokens', { min: 16, integer: true }) ?? null;
  const maxToolCalls = optionalNumber(body, 'max_tool_calls', { min: 1, integer: true }) ?? null;
  const stream = optionalBoolean(body, 'stream') ?? false;
  const streamOptions = optionalObject(body, 'stream_options');
  if (streamOptions && !stream) {
    throw invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
      'invalid_value',
    );
  }
  const store = optionalBoolean(body, 'store') ?? true;
  if (optionalBoolean(body, 'background') === true) {
    throw invalidRequest('The mock server does not run responses in background mode.', 'background', 'invalid_value');
  }
  const metadata = parseMetadata(body.metadata);
  const include = parseInclude(body.include);
  const previousResponseId = optionalString(body, 'previous_response_id') ?? null;
  if (previousResponseId !== null && body.conversation !== undefined && body.conversation !== null) {
    throw invalidRequest(
      "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
      null,
      'mutually_exclusive_parameters',
    );
  }
  const { tools, functionTools } = parseTools(body.tools);
  const toolChoice = parseToolChoice(body.tool_choice, functionTools);
  const text = optionalObject(body, 'text');
  const textFormat = parseTextFormat(text ? optionalObject(text, 'format') : undefined);
  const verbosity = (text && optionalEnum(text, 'verbosity', ['low', 'medium', 'high'] as const)) ?? 'medium';
  const reasoning = parseReasoning(optionalObject(body, 'reasoning'));
  return {
    model,
    input: input === undefined || input === null ? [] : (input as string | unknown[]),
    instructions,
    tools,
    functionTools,
    toolChoice,
    toolChoiceEcho: body.tool_choice ?? 'auto',
    parallelToolCalls: optionalBoolean(body, 'parallel_tool_calls') ?? true,
    maxToolCalls,
    textFormat,
    verbosity,
    reasoning,
    maxOutputTokens,
    temperature,
    topP,
    topLogprobs,
    metadata,
    store,
    stream,
    include,
    previousResponseId,
    serviceTier:
      optionalEnum(body, 'service_tier', ['auto', 'default', 'flex', 'scale', 'priority'] as const) ?? 'auto',
    truncation: optionalEnum(body, 'truncation', ['auto', 'disabled'] as const) ?? 'disabled',
    user: optionalString(body, 'user') ?? null,
    safetyIdentifier: optionalString(body, 'safety_identifier') ?? null,
    promptCacheKey: optionalString(body, 'prompt_cache_key') ?? null,
  };
}

function parseMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw invalidType('metadata', 'an object', value);
  const entries = Object.entries(value as JsonBody);
  if (entries.length > 16) {
    throw invalidRequest(
      "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with " +
        `${entries.length} properties instead.`,
      'metadata',
      'object_above_max_properties',
    );
  }
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidType(`metadata.${key}`, 'a string', item);
  }
  return value as Record<string, string>;
}

function parseInclude(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidType('include', 'an array', value);
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !(INCLUDABLE as readonly string[]).includes(item)) {
      throw invalidValue(
        `include[${index}]`,
        `Invalid value: '${String(item)}'. Supported values are: ${INCLUDABLE.map((v) => `'${v}'`).join(', ')}.`,
      );
    }
  });
  return value as string[];
}

function parseTools(value: unknown): { tools: unknown[]; functionTools: ResponsesFunctionTool[] } {
  if (value === undefined || value === null) return { tools: [], functionTools: [] };
  if (!Array.isArray(value)) throw invalidType('tools', 'an array', value);
  const functionTools: ResponsesFunctionTool[] = [];
  const tools = value.map((tool, index) => {
    const param = `tools[${index}]`;
    if (!isJsonObject(tool)) throw invalidType(param, 'an object', tool);
    const spec = tool as JsonBody;
    if (typeof spec.type !== 'string') throw missingParameter(`${param}.type`);
    if (spec.type !== 'function') return spec;
    const name = spec.name;
    if (typeof name !== 'string' || name === '') throw missingParameter(`${param}.name`);
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw invalidValue(
        `${param}.name`,
        `Invalid '${param}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      );
    }
    const parameters = optionalObject(spec, 'parameters') ?? { type: 'object', properties: {} };
    const strict = optionalBoolean(spec, 'strict') ?? true;
    if (spec.strict === true) checkStrictSchema(parameters, `function '${name}'`, `${param}.parameters`);
    const description = optionalString(spec, 'description') ?? null;
    functionTools.push({ name, description, parameters, strict });
    return { type: 'function', name, description, parameters, strict };
  });
  return { tools, functionTools };
}

function parseToolChoice(value: unknown, tools: ResponsesFunctionTool[]): ResponsesRequest['toolChoice'] {
  if (value === undefined || value === null) return tools.length > 0 ? 'auto' : 'none';
  if (value === 'none' || value === 'auto' || value === 'required') return tools.length > 0 ? value : 'none';
  if (isJsonObject(value)) {
    const choice = value as JsonBody;
    if (choice.type === 'function' && typeof choice.name === 'string') {
      if (!tools.some((tool) => tool.name === choice.name)) {
        throw invalidRequest(
          `Tool choice 'function' not found in 'tools' parameter: '${choice.name}'.`,
          'tool_choice',
          'invalid_value',
        );
      }
      return { name: choice.name };
    }
    if (choice.type === 'allowed_tools') return choice.mode === 'required' ? 'required' : 'auto';
    if (typeof choice.type === 'string') return 'auto';
  }
  throw invalidValue(
    'tool_choice',
    "Invalid value for 'tool_choice': expected one of 'none', 'auto', 'required', or a tool choice object.",
  );
}

function parseTextFormat(format: JsonBody | undefined): ResponsesTextFormat {
  if (format === undefined) return { type: 'text' };
  const type = optionalEnum(format, 'type', ['text', 'json_object', 'json_schema'] as const);
  if (type === undefined) throw missingParameter('text.format.type');
  if (type !== 'json_schema') return { type };
  const name = format.name;
  if (typeof name !== 'string' || name === '') throw missingParameter('text.format.name');
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw invalidValue(
      'text.format.name',
      "Invalid 'text.format.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
    );
  }
  const schema = format.schema;
  if (schema === undefined || schema === null) throw missingParameter('text.format.schema');
  if (!isJsonObject(schema)) throw invalidType('text.format.schema', 'an object', schema);
  const strict = optionalBoolean(format, 'strict') ?? false;
  if (strict) checkStrictSchema(schema as JsonBody, `response_format '${name}'`, 'text.format.schema');
  const description = optionalString(format, 'description');
  return {
    type,
    name,
    schema: schema as Record<string, unknown>,
    strict,
    ...(description === undefined ? {} : { description }),
  };
}

function parseReasoning(reasoning: JsonBody | undefined): ResponsesRequest['reasoning'] {
  if (reasoning === undefined) return undefined;
  const effort = optionalEnum(reasoning, 'effort', REASONING_EFFORTS);
  const summary =
    optionalEnum(reasoning, 'summary', ['auto', 'concise', 'detailed'] as const) ??
    optionalEnum(reasoning, 'generate_summary', ['auto', 'concise', 'detailed'] as const) ??
    null;
  return { effort, summary };
}

/** The real 400 for a reasoning parameter sent to a model that does not reason. */
export function unsupportedReasoning(param: string): ApiError {
  return new ApiError(400, {
    message: `Unsupported parameter: '${param}' is not supported with this model.`,
    type: 'invalid_request_error',
    param,
    code: 'unsupported_parameter',
  });
}
