import { z } from 'zod';

/** `usage` of a chat completion or its last stream chunk, read leniently. */
export const chatUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/** Chat usage as read from the wire. */
export type ChatUsage = z.infer<typeof chatUsageSchema>;
