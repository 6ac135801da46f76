import { ServerError } from '../src/errors/error-classes.js';
import { ChatStream } from '../src/stream/chat-stream.js';
import type { CallOptions } from '../src/types/call-options.js';
import type { ChatRequest } from '../src/types/chat-request.js';
import type { ChatResponse } from '../src/types/chat-response.js';
import type { Provider } from '../src/types/provider.js';

/** Calls a scripted provider received, for assertions. */
export interface RecordedCall {
  operation: string;
  request: unknown;
  options: CallOptions | undefined;
}

/**
 * A scripted in-memory Provider used as *input* to core's own helpers (core talks to no server). Provider
 * behaviour over HTTP is tested in the provider packages against the mock server.
 */
export function scriptedProvider(
  options: { fail?: boolean; text?: string } = {},
): Provider & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const respond = (request: ChatRequest): ChatResponse => ({
    id: 'resp_1',
    model: request.model,
    text: options.text ?? `echo: ${JSON.stringify(request.messages.at(-1)?.content)}`,
    toolCalls: [],
    refusal: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1_000, outputTokens: 500, totalTokens: 1_500, cachedInputTokens: 200 },
    requestId: 'req_1',
  });
  const failure = () => new ServerError({ message: 'scripted failure', status: 500, provider: 'scripted' });
  return {
    name: 'scripted',
    calls,
    async chat(request, callOptions) {
      calls.push({ operation: 'chat', request, options: callOptions });
      if (options.fail) throw failure();
      return respond(request);
    },
    streamChat(request, callOptions) {
      calls.push({ operation: 'streamChat', request, options: callOptions });
      if (options.fail) {
        return new ChatStream(async function* () {
          yield { type: 'start' };
          throw failure();
        });
      }
      return ChatStream.fromResponse(respond(request), callOptions);
    },
    async embed(request, callOptions) {
      calls.push({ operation: 'embed', request, options: callOptions });
      return {
        model: request.model,
        embeddings: [new Float32Array([1, 0])],
        usage: { inputTokens: 3, totalTokens: 3 },
      };
    },
    async generateImage(request, callOptions) {
      calls.push({ operation: 'generateImage', request, options: callOptions });
      return { model: request.model, created: 1, images: [{ mimeType: 'image/png', bytes: new Uint8Array([1]) }] };
    },
    async checkConnection(callOptions) {
      calls.push({ operation: 'checkConnection', request: undefined, options: callOptions });
      return { ok: true, provider: 'scripted', endpoint: 'memory:', latencyMs: 0 };
    },
    realtime: { provider: 'scripted', resolve: async (model) => ({ url: 'wss://x', headers: {}, model }) },
  };
}
