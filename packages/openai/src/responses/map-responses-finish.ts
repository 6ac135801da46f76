import type { FinishReason } from '@switchboard/core';
import type { ResponseBody } from './responses-schemas.js';

/** The neutral finish reason of a finished response, and the provider's own (the incomplete reason, or the status). */
export function mapResponsesFinish(
  body: Pick<ResponseBody, 'status' | 'incomplete_details'>,
  hasToolCalls: boolean,
): { finishReason: FinishReason; rawFinishReason: string | null } {
  const reason = body.incomplete_details?.reason;
  if (body.status === 'incomplete' || reason) {
    const finishReason: FinishReason =
      reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'content-filter' : 'other';
    return { finishReason, rawFinishReason: reason ?? body.status ?? null };
  }
  if (body.status === 'completed' || body.status === undefined || body.status === null) {
    return { finishReason: hasToolCalls ? 'tool-calls' : 'stop', rawFinishReason: body.status ?? null };
  }
  return { finishReason: 'other', rawFinishReason: body.status };
}
