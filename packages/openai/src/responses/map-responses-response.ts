import type { ChatResponse, ResponseToolCall } from '@switchboard/core';
import { type MapResponseOptions, parseToolArguments } from '../shared/map-response-options.js';
import { mapResponsesFinish } from './map-responses-finish.js';
import { mapResponsesUsage } from './map-responses-usage.js';
import {
  functionCallItemSchema,
  messageItemSchema,
  type OutputItem,
  type ReasoningItem,
  type ResponseBody,
  reasoningItemSchema,
} from './responses-schemas.js';

/** What the response mapping adds besides the body. */
export type MapResponsesResponseOptions = MapResponseOptions;

/** The reasoning summary text of reasoning items (parts joined by blank lines), or undefined when there is none. */
export function summaryOf(items: readonly ReasoningItem[]): string | undefined {
  const parts = items.flatMap((item) => (item.summary ?? []).map((part) => part.text ?? ''));
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** `providerMetadata[provider]` of a response: its reasoning items (to send back) and the provider hook's data. */
export function responsesMetadata(
  reasoningItems: readonly ReasoningItem[],
  extra: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const metadata: Record<string, unknown> = { ...extra };
  if (reasoningItems.length > 0) metadata.reasoningItems = reasoningItems.map((item) => ({ ...item }));
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** A reasoning item as sent back: everything the API returned but `status`, which input items do not take. */
export function toReasoningInput(item: ReasoningItem): ReasoningItem {
  const { status: _status, ...rest } = item as ReasoningItem & { status?: unknown };
  return rest as ReasoningItem;
}

/** The parts of an output list: answer text, refusal, tool calls and reasoning items, in order. */
export function readOutput(output: readonly OutputItem[]): {
  text: string;
  refusal: string | null;
  toolCalls: ResponseToolCall[];
  reasoningItems: ReasoningItem[];
} {
  let text = '';
  let refusal: string | null = null;
  const toolCalls: ResponseToolCall[] = [];
  const reasoningItems: ReasoningItem[] = [];
  for (const item of output) {
    const message = messageItemSchema.safeParse(item);
    if (message.success) {
      for (const part of message.data.content ?? []) {
        if (part.type === 'output_text') text += part.text ?? '';
        else if (part.type === 'refusal') refusal = (refusal ?? '') + (part.refusal ?? '');
      }
      continue;
    }
    const call = functionCallItemSchema.safeParse(item);
    if (call.success) {
      const args = call.data.arguments ?? '';
      toolCalls.push({
        id: call.data.call_id,
        name: call.data.name,
        arguments: args,
        parsedArguments: parseToolArguments(args),
      });
      continue;
    }
    const reasoning = reasoningItemSchema.safeParse(item);
    if (reasoning.success) reasoningItems.push(toReasoningInput(reasoning.data));
  }
  return { text, refusal, toolCalls, reasoningItems };
}

/**
 * Maps a finished response (`completed` or `incomplete`; a failed one is an error before this) to the neutral
 * `ChatResponse`: the text of its `output_text` parts, refusals, `function_call` items as tool calls (their `call_id`
 * as the id), the reasoning summary, usage, and the reasoning items in `providerMetadata[provider].reasoningItems`.
 */
export function mapResponsesResponse(body: ResponseBody, options: MapResponsesResponseOptions): ChatResponse {
  const { text, refusal, toolCalls, reasoningItems } = readOutput(body.output ?? []);
  const response: ChatResponse = {
    id: body.id,
    model: body.model ?? '',
    text,
    toolCalls,
    refusal,
    ...mapResponsesFinish(body, toolCalls.length > 0),
  };
  const summary = summaryOf(reasoningItems);
  if (summary !== undefined) response.reasoningSummary = summary;
  const usage = mapResponsesUsage(body.usage);
  if (usage) response.usage = usage;
  if (options.rateLimit) response.rateLimit = options.rateLimit;
  if (options.requestId) response.requestId = options.requestId;
  const metadata = responsesMetadata(reasoningItems, options.readMetadata?.(options.raw ?? body));
  if (metadata) response.providerMetadata = { [options.provider]: metadata };
  return response;
}
