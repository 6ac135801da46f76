import type { ChatRequest } from '@switchboard/core';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import type { ProviderContext } from '../provider/provider-context.js';
import { prepareRequest } from '../shared/prepare-request.js';
import { mapChatRequest } from './map-chat-request.js';

/** Builds the wire body of a chat call: images read, model resolved, the provider's body hook applied. */
export async function prepareChatBody(
  context: ProviderContext,
  request: ChatRequest,
  stream: boolean,
  signal?: AbortSignal,
): Promise<ChatCompletionCreateParams> {
  const prepared = await prepareRequest(context, request, signal);
  const body = mapChatRequest(prepared.request, {
    model: prepared.model,
    providerOptionsKey: context.providerOptionsKey,
    stream,
    reasoning: prepared.reasoning,
  });
  return context.body(body, stream ? 'stream' : 'chat');
}
