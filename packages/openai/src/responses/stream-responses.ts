import type { CallOptions, ChatRequest, ChatStream } from '@switchboard/core';
import { streamSseCall } from '../http/stream-sse-call.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { prepareResponsesBody } from './prepare-responses-body.js';
import { responsesEventsFromSse } from './responses-events-from-sse.js';

/**
 * `Provider.streamChat` over the Responses API: sends the request with `stream: true` and feeds the raw SSE body
 * through `responsesEventsFromSse` into core's `ChatStream` (see `streamSseCall`, shared with Chat Completions).
 */
export function streamResponses(context: ProviderContext, request: ChatRequest, call: CallOptions = {}): ChatStream {
  return streamSseCall(context, call, {
    async open(signal) {
      const body = await prepareResponsesBody(context, request, true, signal);
      return context.open(
        { method: 'POST', path: '/responses', body: body as unknown as Record<string, unknown> },
        call,
        signal,
      );
    },
    events: (body, info) => responsesEventsFromSse(body, { provider: context.provider, ...info }),
  });
}
