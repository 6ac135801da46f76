import { z } from 'zod';

import { chatUsageSchema } from './usage-schema.js';

const deltaToolCallSchema = z.object({
  index: z.number().optional(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

const chunkChoiceSchema = z.object({
  index: z.number().optional(),
  delta: z
    .looseObject({
      content: z.string().nullish(),
      refusal: z.string().nullish(),
      tool_calls: z.array(deltaToolCallSchema).nullish(),
    })
    .nullish(),
  finish_reason: z.string().nullish(),
});

/**
 * One `chat.completion.chunk`, read leniently: every field is optional or nullable (Azure's first chunk has empty
 * `choices` and ids, usage-only chunks have no choices, some chunks have no `delta`). Unknown fields are dropped;
 * provider hooks get the raw JSON. An `error` field means the provider failed in the middle of the stream.
 */
export const chatChunkSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(chunkChoiceSchema).nullish(),
  usage: chatUsageSchema.nullish(),
  error: z.unknown().optional(),
});

/** A stream chunk as read. */
export type ChatChunk = z.infer<typeof chatChunkSchema>;
