import type { CallOptions } from '../types/call-options.js';
import type { ChatRequest } from '../types/chat-request.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../types/embedding.js';
import type { ImageRequest, ImageResponse } from '../types/image.js';
import type { ConnectionStatus, Provider } from '../types/provider.js';
import type { ChatStreamPart } from '../types/stream-events.js';
import { openChatParts, partsStreamChat, type StreamCallOptions } from './stream-parts.js';

/** The promise-returning operations of a provider. */
export type Operation = 'chat' | 'embed' | 'generateImage' | 'checkConnection';

/** What a middleware knows about the call it wraps. */
export interface CallContext {
  /** The provider being wrapped. */
  provider: Provider;
  /** The operation. */
  operation: Operation | 'streamChat';
  /** The logical model of the request (undefined for checkConnection). */
  model: string | undefined;
  /** The request (undefined for checkConnection). */
  request: ChatRequest | EmbeddingRequest | ImageRequest | undefined;
}

/**
 * Behaviour added around any provider without knowing which one it is: retries, limits, logging, caching. Each
 * wrapper gets `next`, which runs the rest of the chain with the options it is given.
 */
export interface ProviderMiddleware {
  /** Wraps chat, embed, generateImage and checkConnection. */
  wrapCall?<T>(next: (options: CallOptions) => Promise<T>, context: CallContext, options: CallOptions): Promise<T>;
  /**
   * Wraps streamChat at the parts level (as vercel/ai's `wrapStream`): transform the parts `next` yields, and pass
   * `options.signal` (or a signal derived from it) on. `wrapProvider` builds the one `ChatStream` the caller sees
   * around the result, so a middleware never builds or wraps one itself.
   */
  wrapStream?(
    next: (options: StreamCallOptions) => AsyncIterable<ChatStreamPart>,
    context: CallContext,
    options: StreamCallOptions,
  ): AsyncIterable<ChatStreamPart>;
}

/**
 * Returns a provider that runs `middleware` around every call of `provider`. Operations the provider lacks stay
 * absent, and `realtime` and `batches` pass through untouched. Streams are composed at the parts level: however many
 * wrappers are stacked, a call builds one `ChatStream`, which links the caller's signal once.
 */
export function wrapProvider(provider: Provider, middleware: ProviderMiddleware): Provider {
  const call = <T>(
    operation: Operation,
    request: CallContext['request'],
    run: (options: CallOptions) => Promise<T>,
    options: CallOptions = {},
  ) => {
    if (!middleware.wrapCall) return run(options);
    return middleware.wrapCall(run, { provider, operation, model: request?.model, request }, options);
  };
  const wrapped: Provider = {
    name: provider.name,
    chat: (request: ChatRequest, options?: CallOptions): Promise<ChatResponse> =>
      call('chat', request, (o) => provider.chat(request, o), options),
    ...partsStreamChat(provider.name, (request, options) => {
      const next = (o: StreamCallOptions) => openChatParts(provider, request, o);
      if (!middleware.wrapStream) return next(options);
      return middleware.wrapStream(next, { provider, operation: 'streamChat', model: request.model, request }, options);
    }),
  };
  const embed = provider.embed?.bind(provider);
  if (embed) {
    wrapped.embed = (request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse> =>
      call('embed', request, (o) => embed(request, o), options);
  }
  const generateImage = provider.generateImage?.bind(provider);
  if (generateImage) {
    wrapped.generateImage = (request: ImageRequest, options?: CallOptions): Promise<ImageResponse> =>
      call('generateImage', request, (o) => generateImage(request, o), options);
  }
  const checkConnection = provider.checkConnection?.bind(provider);
  if (checkConnection) {
    wrapped.checkConnection = (options?: CallOptions): Promise<ConnectionStatus> =>
      call('checkConnection', undefined, (o) => checkConnection(o), options);
  }
  return Object.freeze({
    ...wrapped,
    ...(provider.realtime ? { realtime: provider.realtime } : {}),
    ...(provider.batches ? { batches: provider.batches } : {}),
  });
}
