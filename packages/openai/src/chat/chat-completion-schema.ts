import { z } from 'zod';
import { chatUsageSchema } from './usage-schema.js';

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }).optional(),
});

const choiceSchema = z.looseObject({
  index: z.number().optional(),
  message: z.looseObject({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
  }),
  finish_reason: z.string().nullish(),
});

/**
 * A chat completion as read off the wire: only the fields Switchboard uses are checked, and unknown fields are kept
 * (providers read their own, such as Azure's `content_filter_results`).
 */
export const chatCompletionSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  choices: z.array(choiceSchema),
  usage: chatUsageSchema.nullish(),
});

/** A chat completion as read. */
export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;
