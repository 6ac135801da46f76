import { z } from 'zod';
import { isOptionalNumbers } from '../http/shape.js';

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

const USAGE_NUMBERS = ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const;

/** True when `value` is null, absent or has the shape `chatUsageSchema` checks (a fast guard). */
export function isChatUsage(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isOptionalNumbers(value, USAGE_NUMBERS)) return false;
  const usage = value as Record<string, unknown>;
  return (
    isOptionalNumbers(usage.prompt_tokens_details, ['cached_tokens']) &&
    isOptionalNumbers(usage.completion_tokens_details, ['reasoning_tokens'])
  );
}
