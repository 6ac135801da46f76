import { type CallOptions, type ChatRequest, ChatStream, NetworkError } from '@switchboard/core';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { readErrorObject } from '../errors/http-failure.js';
import { mapHttpFailure } from '../errors/map-http-failure.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { chatEventsFromSse } from './chat-events-from-sse.js';
import { prepareChatBody } from './prepare-chat-body.js';

/**
 * `Provider.streamChat`: sends the request with `stream: true`, takes the raw SSE body from the SDK's `asResponse()`
 * (not its stream iterator) and feeds `chatEventsFromSse` into core's `ChatStream`, which owns first-token and idle timeouts,
 * cancellation and assembly. The SDK call gets the stream's own signal, so breaking out of the loop, `abort()`, the
 * caller's signal or a timeout all abort the request and close its socket.
 */
export function streamChat(context: ProviderContext, request: ChatRequest, call: CallOptions = {}): ChatStream {
  const { provider } = context;
  return new ChatStream(
    async function* source(signal) {
      let response: Response;
      try {
        const body = (await prepareChatBody(context, request, true, signal)) as ChatCompletionCreateParamsStreaming;
        response = await context.client.chat.completions
          .create(body, context.requestOptions(call, signal))
          .asResponse();
      } catch (error) {
        throw context.mapError(error, call, signal);
      }
      const { requestId, rateLimit } = context.responseInfo(response, call);
      if (!response.body) {
        throw new NetworkError({
          message: `The ${provider} stream has no body.`,
          provider,
          ...(requestId ? { requestId } : {}),
        });
      }
      const errorContext = context.errorContext(call, signal);
      const events = chatEventsFromSse(response.body, {
        provider,
        requestId,
        rateLimit,
        readMetadata: context.config.hooks?.createChunkMetadataReader?.(),
        mapErrorPayload: (error) =>
          mapHttpFailure(
            {
              status: undefined,
              error: readErrorObject(error),
              rawError: error,
              headers: response.headers,
              fallbackMessage: `The ${provider} stream failed.`,
            },
            errorContext,
          ),
      });
      try {
        yield* events;
      } catch (error) {
        throw context.mapError(error, call, signal);
      }
    },
    {
      provider,
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.firstTokenTimeoutMs !== undefined ? { firstTokenTimeoutMs: call.firstTokenTimeoutMs } : {}),
      ...(call.idleTimeoutMs !== undefined ? { idleTimeoutMs: call.idleTimeoutMs } : {}),
    },
  );
}
