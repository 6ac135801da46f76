import type { Usage } from '@switchboard/core';
import type { ResponsesUsage } from './responses-schemas.js';

/** Maps Responses usage to the neutral one, with cached input and reasoning tokens when reported. */
export function mapResponsesUsage(usage: ResponsesUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const inputTokens = usage.input_tokens ?? 0;
  const outputTokens = usage.output_tokens ?? 0;
  const mapped: Usage = { inputTokens, outputTokens, totalTokens: usage.total_tokens ?? inputTokens + outputTokens };
  const cached = usage.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') mapped.cachedInputTokens = cached;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') mapped.reasoningTokens = reasoning;
  return mapped;
}
