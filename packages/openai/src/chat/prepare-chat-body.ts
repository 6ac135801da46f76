import type { ChatRequest } from '@switchboard/core';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import type { ProviderContext } from '../provider/provider-context.js';
import { mapChatRequest } from './map-chat-request.js';
import { resolveImageParts } from './resolve-image-parts.js';

/** Builds the wire body of a chat call: images read, model resolved, the provider's body hook applied. */
export async function prepareChatBody(
  context: ProviderContext,
  request: ChatRequest,
  stream: boolean,
  signal?: AbortSignal,
): Promise<ChatCompletionCreateParams> {
  const resolved = await resolveImageParts(request, signal);
  const model = context.wireModel(request.model, 'chat');
  const body = mapChatRequest(resolved, {
    model,
    providerOptionsKey: context.providerOptionsKey,
    stream,
    reasoning: context.isReasoningModel(request.model, model),
  });
  return context.body(body, stream ? 'stream' : 'chat');
}
