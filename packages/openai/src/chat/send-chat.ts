import type { CallOptions, ChatRequest, ChatResponse } from '@switchboard/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { callJson } from '../http/call-json.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { chatCompletionSchema, isChatCompletionBody } from './chat-completion-schema.js';
import { mapChatResponse } from './map-chat-response.js';
import { prepareChatBody } from './prepare-chat-body.js';

/** `Provider.chat`: one Chat Completions call, mapped both ways. */
export async function sendChat(
  context: ProviderContext,
  request: ChatRequest,
  call: CallOptions = {},
): Promise<ChatResponse> {
  let body: ChatCompletionCreateParamsNonStreaming;
  try {
    body = (await prepareChatBody(context, request, false, call.signal)) as ChatCompletionCreateParamsNonStreaming;
  } catch (error) {
    throw context.mapError(error, call);
  }
  const { data, json, requestId, rateLimit } = await callJson(
    context,
    call,
    { method: 'POST', path: '/chat/completions', body: body as unknown as Record<string, unknown> },
    { is: isChatCompletionBody, schema: chatCompletionSchema },
    'chat completion',
  );
  return mapChatResponse(data, {
    provider: context.provider,
    requestId,
    rateLimit,
    readMetadata: context.config.hooks?.readResponseMetadata,
    raw: json,
  });
}
