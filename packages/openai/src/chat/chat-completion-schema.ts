import { z } from 'zod';

import { chatUsageSchema } from './usage-schema.js';

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
