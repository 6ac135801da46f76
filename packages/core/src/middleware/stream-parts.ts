import { CHAT_STREAM_PARTS, ChatStream, hasChatStreamParts } from '../stream/chat-stream.js';
import type { CallOptions } from '../types/call-options.js';
import type { ChatRequest } from '../types/chat-request.js';
import type { Provider } from '../types/provider.js';
import type { ChatStreamPart } from '../types/stream-events.js';

/** Call options inside a stream's middleware: `signal` is the caller's one `ChatStream`'s, already linked. */
export interface StreamCallOptions extends CallOptions {
  /** Aborts when the caller aborts, breaks out of the loop or a timeout fires; pass it (or one derived) on. */
  signal: AbortSignal;
}

/** A stream at the parts level: what middleware transforms, before the caller's `ChatStream` is built. */
export type StreamParts = (request: ChatRequest, options: StreamCallOptions) => AsyncIterable<ChatStreamPart>;

/** The brand of a provider's parts-level streamChat; `Symbol.for`, so it works across duplicate package copies. */
export const PROVIDER_STREAM_PARTS: unique symbol = Symbol.for('switchboard.provider.streamParts');

/**
 * Opens the parts of `provider`'s stream for `request` on `options.signal` without building a `ChatStream` around
 * it: the composed parts of a wrapped or composing provider, the raw source of a core `ChatStream`, or, for a stream
 * from elsewhere, the stream itself.
 */
export function openChatParts(
  provider: Provider,
  request: ChatRequest,
  options: StreamCallOptions,
): AsyncIterable<ChatStreamPart> {
  const parts = (provider as { [PROVIDER_STREAM_PARTS]?: unknown })[PROVIDER_STREAM_PARTS];
  if (typeof parts === 'function') return (parts as StreamParts)(request, options);
  const stream = provider.streamChat(request, options);
  return hasChatStreamParts(stream) ? stream[CHAT_STREAM_PARTS](options.signal) : stream;
}

/**
 * The `streamChat` of a provider that transforms or composes streams at the parts level: each call builds the one
 * `ChatStream` the caller sees, which links the caller's signal exactly once; an outer wrapper reads `parts` through
 * `PROVIDER_STREAM_PARTS` instead, so stacked wrappers never nest streams.
 */
export function partsStreamChat(
  name: string,
  parts: StreamParts,
): Pick<Provider, 'streamChat'> & { [PROVIDER_STREAM_PARTS]: StreamParts } {
  return {
    streamChat: (request: ChatRequest, options: CallOptions = {}) =>
      new ChatStream((signal) => parts(request, { ...options, signal }), {
        provider: name,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    [PROVIDER_STREAM_PARTS]: parts,
  };
}
