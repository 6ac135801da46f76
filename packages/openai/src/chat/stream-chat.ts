import type { CallOptions, ChatRequest, ChatStream } from '@switchboard/core';
import { streamSseCall } from '../http/stream-sse-call.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { chatEventsFromSse } from './chat-events-from-sse.js';
import { prepareChatBody } from './prepare-chat-body.js';

/**
 * `Provider.streamChat` over Chat Completions: sends the request with `stream: true` and feeds the raw SSE body
 * through `chatEventsFromSse` into core's `ChatStream` (see `streamSseCall`, shared with the Responses API).
 */
export function streamChat(context: ProviderContext, request: ChatRequest, call: CallOptions = {}): ChatStream {
  return streamSseCall(context, call, {
    async open(signal) {
      const body = await prepareChatBody(context, request, true, signal);
      const path = '/chat/completions';
      return context.open({ method: 'POST', path, body: body as unknown as Record<string, unknown> }, call, signal);
    },
    events: (body, info) =>
      chatEventsFromSse(body, {
        provider: context.provider,
        ...info,
        readMetadata: context.config.hooks?.createChunkMetadataReader?.(),
      }),
  });
}
