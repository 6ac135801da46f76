import type { ChatResponse, ResponseToolCall } from '@switchboard/core';
import { type MapResponseOptions, parseToolArguments } from '../shared/map-response-options.js';
import type { ChatCompletionBody } from './chat-completion-schema.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapUsage } from './map-usage.js';

/** What the response mapping adds besides the body. */
export type MapChatResponseOptions = MapResponseOptions;

/** Maps a chat completion (its first choice) to the neutral `ChatResponse`. */
export function mapChatResponse(body: ChatCompletionBody, options: MapChatResponseOptions): ChatResponse {
  const choice = body.choices.find((c) => (c.index ?? 0) === 0) ?? body.choices[0];
  const message = choice?.message;
  const toolCalls: ResponseToolCall[] = [];
  for (const call of message?.tool_calls ?? []) {
    if (!call.function) continue;
    toolCalls.push({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      parsedArguments: parseToolArguments(call.function.arguments),
    });
  }
  const rawFinishReason = choice?.finish_reason ?? null;
  const response: ChatResponse = {
    id: body.id,
    model: body.model,
    text: message?.content ?? '',
    toolCalls,
    refusal: message?.refusal ?? null,
    finishReason: mapFinishReason(rawFinishReason),
    rawFinishReason,
  };
  const usage = mapUsage(body.usage);
  if (usage) response.usage = usage;
  if (options.rateLimit) response.rateLimit = options.rateLimit;
  if (options.requestId) response.requestId = options.requestId;
  const metadata = options.readMetadata?.(options.raw ?? body);
  if (metadata) response.providerMetadata = { [options.provider]: metadata };
  return response;
}
