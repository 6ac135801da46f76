import { ChatStream } from '../src/stream/chat-stream.js';
import type { CallOptions } from '../src/types/call-options.js';
import type { ChatRequest } from '../src/types/chat-request.js';
import type { ChatResponse } from '../src/types/chat-response.js';
import type { Provider } from '../src/types/provider.js';
import type { ChatStreamEvent } from '../src/types/stream-events.js';

/** One scripted answer: a response, or a function of the request that returns one (or throws). */
export type ReplayAnswer =
  | Partial<ChatResponse>
  | ((request: ChatRequest, options?: CallOptions) => Partial<ChatResponse>);

/**
 * An in-memory Provider that answers with scripted responses in order, used as *input* to core's helpers (core talks
 * to no server; the same helpers run against the mock server in packages/openai/test). Streams send the text in
 * `chunkSize`-character deltas, so partial parsing sees realistic pieces.
 */
export function replayProvider(
  answers: ReplayAnswer[],
  options: { chunkSize?: number; delayMs?: number } = {},
): Provider & { requests: ChatRequest[]; callOptions: (CallOptions | undefined)[] } {
  const requests: ChatRequest[] = [];
  const callOptions: (CallOptions | undefined)[] = [];
  let next = 0;
  const answer = (request: ChatRequest, callOption?: CallOptions): ChatResponse => {
    requests.push(structuredClone(request));
    callOptions.push(callOption);
    const scripted = answers[Math.min(next, answers.length - 1)];
    next += 1;
    const partial = typeof scripted === 'function' ? scripted(request, callOption) : (scripted ?? {});
    return {
      id: `resp_${next}`,
      model: request.model,
      text: '',
      toolCalls: [],
      refusal: null,
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
      requestId: `req_${next}`,
      ...partial,
    };
  };
  const chunkSize = options.chunkSize ?? 3;
  return {
    name: 'replay',
    requests,
    callOptions,
    async chat(request, callOption) {
      if (callOption?.signal?.aborted) throw callOption.signal.reason;
      return answer(request, callOption);
    },
    streamChat(request, callOption) {
      const response = answer(request, callOption);
      const delayMs = options.delayMs ?? 0;
      return new ChatStream(
        async function* (signal): AsyncGenerator<ChatStreamEvent> {
          yield { type: 'start', id: response.id, model: response.model, requestId: response.requestId };
          for (let index = 0; index < response.text.length; index += chunkSize) {
            if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
            if (signal.aborted) return;
            yield { type: 'text-delta', delta: response.text.slice(index, index + chunkSize) };
          }
          if (response.refusal) yield { type: 'refusal-delta', delta: response.refusal };
          for (const [index, call] of response.toolCalls.entries()) {
            yield { type: 'tool-call-delta', index, id: call.id, name: call.name, argumentsDelta: call.arguments };
            yield { type: 'tool-call', index, toolCall: { id: call.id, name: call.name, arguments: call.arguments } };
          }
          yield {
            type: 'finish',
            finishReason: response.finishReason,
            rawFinishReason: response.rawFinishReason,
            usage: response.usage,
          };
        },
        { signal: callOption?.signal, provider: 'replay' },
      );
    },
  };
}
