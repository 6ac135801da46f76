import {
  renderCallItem,
  renderMessageItem,
  renderPart,
  renderReasoningItem,
  renderResponse,
} from './render-response.js';
import type { ResponsePlan } from './response-plan.js';

/** Events sent before the first-token wait (`response.created`, `response.in_progress`). */
export const LEADING_EVENTS = 2;

/** One SSE event as the Responses API frames it: `event: <type>` and the JSON payload with the same `type`. */
function frame(type: string, payload: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

/** The `error` event (a stream fault): the SDK turns it into an APIError. */
export function errorEvent(sequenceNumber: number): string {
  return frame('error', {
    code: 'server_error',
    message: 'The server had an error while processing your request. Sorry about that!',
    param: null,
    sequence_number: sequenceNumber,
  });
}

/**
 * The documented event sequence of a streamed response: created, in_progress, then per output item `added`, its
 * parts and deltas, `done`, and finally `response.completed`, `response.incomplete` or `response.failed` with the
 * whole response. Every payload carries a `sequence_number` counting from 0.
 */
export function renderResponseEvents(plan: ResponsePlan): string[] {
  const events: string[] = [];
  let sequence = 0;
  const push = (type: string, payload: Record<string, unknown>) =>
    events.push(frame(type, { ...payload, sequence_number: sequence++ }));
  push('response.created', { response: renderResponse(plan, 'in_progress') });
  push('response.in_progress', { response: renderResponse(plan, 'in_progress') });
  const failed = plan.status === 'failed';
  let outputIndex = 0;
  const { reasoning, message } = plan;
  if (reasoning && !failed) {
    const output_index = outputIndex++;
    const item_id = reasoning.id;
    push('response.output_item.added', { output_index, item: renderReasoningItem(reasoning, 'in_progress') });
    if (reasoning.summary) {
      const text = reasoning.summary.join('');
      const base = { item_id, output_index, summary_index: 0 };
      push('response.reasoning_summary_part.added', { ...base, part: { type: 'summary_text', text: '' } });
      for (const delta of reasoning.summary) push('response.reasoning_summary_text.delta', { ...base, delta });
      push('response.reasoning_summary_text.done', { ...base, text });
      push('response.reasoning_summary_part.done', { ...base, part: { type: 'summary_text', text } });
    }
    push('response.output_item.done', { output_index, item: renderReasoningItem(reasoning, 'final') });
  }
  if (message) {
    const output_index = outputIndex++;
    const base = { item_id: message.id, output_index, content_index: 0 };
    const refusal = message.kind === 'refusal';
    const tokens = failed ? message.tokens.slice(0, Math.max(1, message.tokens.length >> 1)) : message.tokens;
    push('response.output_item.added', { output_index, item: renderMessageItem(message, 'in_progress', 'completed') });
    push('response.content_part.added', { ...base, part: renderPart(message, '') });
    for (const delta of tokens) {
      if (refusal) push('response.refusal.delta', { ...base, delta });
      else push('response.output_text.delta', { ...base, delta, logprobs: [] });
    }
    if (!failed) {
      const text = tokens.join('');
      if (refusal) push('response.refusal.done', { ...base, refusal: text });
      else push('response.output_text.done', { ...base, text, logprobs: [] });
      push('response.content_part.done', { ...base, part: renderPart(message, text) });
      const status = plan.status === 'completed' ? 'completed' : 'incomplete';
      push('response.output_item.done', { output_index, item: renderMessageItem(message, 'final', status) });
    }
  }
  if (!failed) {
    for (const call of plan.calls) {
      const output_index = outputIndex++;
      const base = { item_id: call.id, output_index };
      push('response.output_item.added', { output_index, item: renderCallItem(call, 'in_progress') });
      for (const delta of call.argumentTokens) push('response.function_call_arguments.delta', { ...base, delta });
      push('response.function_call_arguments.done', {
        ...base,
        name: call.name,
        arguments: call.argumentTokens.join(''),
      });
      push('response.output_item.done', { output_index, item: renderCallItem(call, 'final') });
    }
  }
  const finalType = failed
    ? 'response.failed'
    : plan.status === 'completed'
      ? 'response.completed'
      : 'response.incomplete';
  push(finalType, { response: renderResponse(plan, 'final') });
  return events;
}
