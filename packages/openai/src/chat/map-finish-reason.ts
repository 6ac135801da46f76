import type { FinishReason } from '@switchboard/core';

/** Maps Chat Completions' `finish_reason` to the neutral one (`function_call` is the legacy name of `tool_calls`). */
export function mapFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
