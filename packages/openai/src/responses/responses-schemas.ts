import { z } from 'zod';
import { isOptionalNumbers, isOptionalString, isRecord } from '../http/shape.js';

/** `usage` of a response, read leniently. */
export const responsesUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/** Responses usage as read from the wire. */
export type ResponsesUsage = z.infer<typeof responsesUsageSchema>;

const contentPartSchema = z.object({
  type: z.string(),
  text: z.string().nullish(),
  refusal: z.string().nullish(),
});

/** An assistant `message` output item. */
export const messageItemSchema = z.object({
  type: z.literal('message'),
  id: z.string().nullish(),
  content: z.array(contentPartSchema).nullish(),
});

/** A `function_call` output item. */
export const functionCallItemSchema = z.object({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string().nullish(),
});

/**
 * A `reasoning` output item, every field kept (it goes back to the API as it came: `id`, `summary` and, with
 * `store: false`, `encrypted_content`).
 */
export const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string().nullish() })).nullish(),
  encrypted_content: z.string().nullish(),
});

/** A reasoning item as read; `providerMetadata[provider].reasoningItems` holds these. */
export type ReasoningItem = z.infer<typeof reasoningItemSchema>;

/** Any output item: the three kinds Switchboard maps, or another kind (built-in tools), kept but not mapped. */
export const outputItemSchema = z.union([
  messageItemSchema,
  functionCallItemSchema,
  reasoningItemSchema,
  z.looseObject({ type: z.string() }),
]);

/** An output item as read. */
export type OutputItem = z.infer<typeof outputItemSchema>;

/** The `error` of a failed response or of an `error` stream event. */
export const responseErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
  type: z.string().nullish(),
});

/**
 * A response as read off the wire: only the fields Switchboard uses are checked (provider hooks read their own from
 * the raw JSON).
 */
export const responseBodySchema = z.object({
  id: z.string(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  error: responseErrorSchema.nullish(),
  incomplete_details: z.object({ reason: z.string().nullish() }).nullish(),
  output: z.array(outputItemSchema).nullish(),
  usage: responsesUsageSchema.nullish(),
});

/** A response as read. */
export type ResponseBody = z.infer<typeof responseBodySchema>;

const itemEventBase = { output_index: z.number().nullish(), item_id: z.string().nullish() };

/** The stream events Switchboard maps, by `type`; every other event is skipped. */
export const responseEventSchemas = {
  'response.created': z.object({ response: responseBodySchema }),
  'response.output_item.added': z.object({ output_index: z.number().nullish(), item: outputItemSchema }),
  'response.output_item.done': z.object({ output_index: z.number().nullish(), item: outputItemSchema }),
  'response.output_text.delta': z.object({ ...itemEventBase, delta: z.string() }),
  'response.refusal.delta': z.object({ ...itemEventBase, delta: z.string() }),
  'response.function_call_arguments.delta': z.object({ ...itemEventBase, delta: z.string() }),
  'response.reasoning_summary_text.delta': z.object({
    ...itemEventBase,
    summary_index: z.number().nullish(),
    delta: z.string(),
  }),
  'response.completed': z.object({ response: responseBodySchema }),
  'response.incomplete': z.object({ response: responseBodySchema }),
  'response.failed': z.object({ response: responseBodySchema }),
  error: responseErrorSchema,
} as const;

/** The event types Switchboard maps. */
export type ResponseEventType = keyof typeof responseEventSchemas;

/** A mapped stream event as read. */
export type ResponseEvent = {
  [T in ResponseEventType]: { type: T } & z.infer<(typeof responseEventSchemas)[T]>;
}[ResponseEventType];

const RESPONSES_USAGE_NUMBERS = ['input_tokens', 'output_tokens', 'total_tokens'] as const;

function isResponsesUsage(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isOptionalNumbers(value, RESPONSES_USAGE_NUMBERS)) return false;
  const usage = value as Record<string, unknown>;
  return (
    isOptionalNumbers(usage.input_tokens_details, ['cached_tokens']) &&
    isOptionalNumbers(usage.output_tokens_details, ['reasoning_tokens'])
  );
}

function isResponseError(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  const code = value.code;
  if (!isOptionalString(code) && typeof code !== 'number') return false;
  return isOptionalString(value.message) && isOptionalString(value.param) && isOptionalString(value.type);
}

/**
 * True when `value` has the shape `responseBodySchema` checks (a fast guard for the hot path; zod explains a no).
 * Output items need a string `type` (the schema's catch-all branch); their own fields are read when mapped.
 */
export function isResponseBody(value: unknown): value is ResponseBody {
  if (!isRecord(value) || typeof value.id !== 'string') return false;
  if (!isOptionalString(value.model) || !isOptionalString(value.status)) return false;
  if (!isResponseError(value.error) || !isResponsesUsage(value.usage)) return false;
  const details = value.incomplete_details;
  if (details !== undefined && details !== null && !(isRecord(details) && isOptionalString(details.reason))) {
    return false;
  }
  const output = value.output;
  if (output === undefined || output === null) return true;
  if (!Array.isArray(output)) return false;
  for (const item of output) if (!isRecord(item) || typeof item.type !== 'string') return false;
  return true;
}
