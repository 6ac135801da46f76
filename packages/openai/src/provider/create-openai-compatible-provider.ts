import type {
  BatchService,
  CallOptions,
  ChatRequest,
  ChatResponse,
  ChatStream,
  ConnectionStatus,
  EmbeddingRequest,
  EmbeddingResponse,
  ImageRequest,
  ImageResponse,
  Provider,
  RealtimeEndpoint,
} from '@switchboard/core';
import { ChatStream as CoreChatStream } from '@switchboard/core';
import { OpenAIBatchService } from '../batch/batch-service.js';
import { sendChat } from '../chat/send-chat.js';
import { streamChat } from '../chat/stream-chat.js';
import { checkConnection } from '../check-connection.js';
import { embed } from '../embeddings/embed.js';
import { generateImage } from '../images/generate-image.js';
import { createRealtimeEndpoint } from '../realtime/realtime-endpoint.js';
import { sendResponses } from '../responses/send-responses.js';
import { streamResponses } from '../responses/stream-responses.js';
import type { OpenAICompatibleConfig } from './provider-config.js';
import { ProviderContext } from './provider-context.js';
import { selectWireApi } from './wire-api.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Builds a full `Provider` (chat and streaming over Chat Completions or the Responses API, see `selectWireApi`;
 * embeddings, images, Batch API, realtime descriptor, connection check) on top of a transport description (see
 * `OpenAITransport`) and a provider config. The OpenAI and Azure providers are thin layers over this. The transport
 * (whose auth function yields the key) stays in a closure: `util.inspect` and `JSON.stringify` of the provider show
 * only its name and endpoint.
 */
export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): Provider {
  const context = new ProviderContext(config);
  const batches: BatchService = new OpenAIBatchService(context);
  const realtime: RealtimeEndpoint = createRealtimeEndpoint(context);
  const provider: Provider & { toJSON(): unknown } = {
    name: config.provider,
    chat: (request: ChatRequest, options?: CallOptions): Promise<ChatResponse> => chat(context, request, options),
    streamChat: (request: ChatRequest, options?: CallOptions): ChatStream => streamChatOver(context, request, options),
    embed: (request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> =>
      embed(context, request, options),
    generateImage: (request: ImageRequest, options?: CallOptions): Promise<ImageResponse> =>
      generateImage(context, request, options),
    batches,
    realtime,
    checkConnection: (options?: CallOptions): Promise<ConnectionStatus> => checkConnection(context, options),
    toJSON: () => ({ provider: config.provider, endpoint: config.endpoint }),
  };
  Object.defineProperty(provider, INSPECT, {
    value: () => `Provider { name: '${config.provider}', endpoint: '${config.endpoint}' }`,
    enumerable: false,
  });
  return provider;
}

/** `chat` over the wire API the provider or the call chose. */
async function chat(context: ProviderContext, request: ChatRequest, options?: CallOptions): Promise<ChatResponse> {
  const selected = selectWireApi(context, request);
  return selected.api === 'responses'
    ? sendResponses(context, selected.request, options)
    : sendChat(context, selected.request, options);
}

/** `streamChat` over the wire API the provider or the call chose; a bad choice fails the stream. */
function streamChatOver(context: ProviderContext, request: ChatRequest, options: CallOptions = {}): ChatStream {
  let selected: ReturnType<typeof selectWireApi>;
  try {
    selected = selectWireApi(context, request);
  } catch (error) {
    return new CoreChatStream(
      // biome-ignore lint/correctness/useYield: the stream fails before its first event
      async function* failed() {
        throw error;
      },
      { provider: context.provider, ...(options.signal ? { signal: options.signal } : {}) },
    );
  }
  return selected.api === 'responses'
    ? streamResponses(context, selected.request, options)
    : streamChat(context, selected.request, options);
}
