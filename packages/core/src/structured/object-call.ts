import type { z } from 'zod';
import { ConfigError } from '../errors/error-classes.js';
import { type CallOptions, splitCallOptions } from '../types/call-options.js';
import type { ChatMessage, ChatRequest } from '../types/chat-request.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { Provider } from '../types/provider.js';
import { StructuredOutputError } from './structured-output-error.js';
import { type StrictJsonSchema, toStrictJsonSchema } from './to-strict-json-schema.js';

/** The conversation of an object call: a whole `messages` list, or a single user `prompt`. */
export type ObjectPrompt = { messages: ChatMessage[]; prompt?: never } | { prompt: string; messages?: never };

/** What `generateObject` and `streamObject` take besides the prompt: request fields, call options and the schema. */
export type ObjectCallOptions<S extends z.ZodType> = Omit<
  ChatRequest,
  'messages' | 'responseFormat' | 'tools' | 'toolChoice' | 'parallelToolCalls'
> &
  CallOptions & {
    /** The zod schema of the answer; it is sent as a strict JSON Schema and checks the answer. */
    schema: S;
    /** The schema's name shown to the model (letters, digits, `_`, `-`); `response` by default. */
    schemaName?: string;
    /** What the object is for, shown to the model. */
    schemaDescription?: string;
    /** A system prompt put before the messages. */
    system?: string;
  };

/** A prepared object call: the request to send, its call options, and how to turn the answer into the object. */
export interface PreparedObjectCall<S extends z.ZodType> {
  request: ChatRequest;
  callOptions: CallOptions;
  strict: StrictJsonSchema;
  schema: S;
}

/** Checks the options (every problem at once) and builds the strict-mode request. */
export function prepareObjectCall<S extends z.ZodType>(
  options: ObjectCallOptions<S> & ObjectPrompt,
): PreparedObjectCall<S> {
  const { schema, schemaName, schemaDescription, system, prompt, messages, ...rest } = options;
  const issues = [];
  if (messages === undefined && prompt === undefined) {
    issues.push({ path: 'messages', message: 'give either messages or prompt' });
  }
  if (messages !== undefined && prompt !== undefined) {
    issues.push({ path: 'prompt', message: 'give either messages or prompt, not both' });
  }
  if (schemaName !== undefined && !/^[a-zA-Z0-9_-]{1,64}$/.test(schemaName)) {
    issues.push({ path: 'schemaName', message: 'use 1 to 64 letters, digits, "_" or "-"' });
  }
  if (issues.length > 0) throw new ConfigError({ issues });
  const strict = toStrictJsonSchema(schema);
  const { callOptions, rest: requestFields } = splitCallOptions(rest);
  const conversation: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  conversation.push(...(messages ?? [{ role: 'user', content: prompt as string }]));
  const request: ChatRequest = {
    ...(requestFields as Omit<ChatRequest, 'messages'>),
    messages: conversation,
    responseFormat: {
      type: 'json_schema',
      name: schemaName ?? 'response',
      schema: strict.schema,
      strict: true,
      ...(schemaDescription ? { description: schemaDescription } : {}),
    },
  };
  return { request, callOptions, strict, schema };
}

/** Turns a finished answer into the validated object, or a `StructuredOutputError` saying why it cannot be used. */
export async function finishObject<S extends z.ZodType>(
  call: PreparedObjectCall<S>,
  response: ChatResponse,
  provider: Provider,
): Promise<z.output<S>> {
  const base = {
    provider: provider.name,
    requestId: response.requestId,
    finishReason: response.finishReason,
    usage: response.usage,
  };
  if (response.refusal) throw new StructuredOutputError({ ...base, reason: 'refusal', text: response.refusal });
  if (response.finishReason === 'length') {
    throw new StructuredOutputError({ ...base, reason: 'length', text: response.text });
  }
  let value: unknown;
  try {
    value = JSON.parse(response.text);
  } catch (error) {
    throw new StructuredOutputError({ ...base, reason: 'invalid-json', text: response.text, cause: error });
  }
  const result = await call.schema.safeParseAsync(call.strict.revive(value));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new StructuredOutputError({ ...base, reason: 'schema-mismatch', text: response.text, issues });
}
