import { z } from 'zod';
import { isOptionalString, isRecord } from '../http/shape.js';
import { chatUsageSchema, isChatUsage } from './usage-schema.js';

const toolCallSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  function: z.object({ name: z.string(), arguments: z.string() }).optional(),
});

const choiceSchema = z.object({
  index: z.number().optional(),
  message: z.object({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
  }),
  finish_reason: z.string().nullish(),
});

/**
 * A chat completion as read off the wire: only the fields Switchboard uses are checked and kept (stripping is several
 * times faster than keeping every field). Provider hooks read their own fields, such as Azure's
 * `content_filter_results`, from the raw JSON instead.
 */
export const chatCompletionSchema = z.object({
  id: z.string(),
  model: z.string(),
  choices: z.array(choiceSchema),
  usage: chatUsageSchema.nullish(),
});

/** A chat completion as read. */
export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;

/** True when `value` has the shape `chatCompletionSchema` checks (a fast guard for the hot path; zod explains a no). */
export function isChatCompletionBody(value: unknown): value is ChatCompletionBody {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.model !== 'string') return false;
  if (!Array.isArray(value.choices) || !isChatUsage(value.usage)) return false;
  for (const choice of value.choices) if (!isChoice(choice)) return false;
  return true;
}

function isChoice(choice: unknown): boolean {
  if (!isRecord(choice) || !isOptionalNumberOrAbsent(choice.index) || !isOptionalString(choice.finish_reason)) {
    return false;
  }
  const message = choice.message;
  if (!isRecord(message) || !isOptionalString(message.content) || !isOptionalString(message.refusal)) return false;
  const calls = message.tool_calls;
  if (calls === undefined || calls === null) return true;
  if (!Array.isArray(calls)) return false;
  for (const call of calls) if (!isToolCall(call)) return false;
  return true;
}

function isToolCall(call: unknown): boolean {
  if (!isRecord(call) || typeof call.id !== 'string') return false;
  if (call.type !== undefined && typeof call.type !== 'string') return false;
  const fn = call.function;
  return fn === undefined || (isRecord(fn) && typeof fn.name === 'string' && typeof fn.arguments === 'string');
}

/** `index` is optional but not nullable in the schema. */
function isOptionalNumberOrAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'number';
}
