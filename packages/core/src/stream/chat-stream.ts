import { AbortedError, NetworkError } from '../errors/error-classes.js';
import { isSwitchboardError, type SwitchboardError } from '../errors/switchboard-error.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { ChatStream as ChatStreamContract } from '../types/chat-stream.js';
import type { ChatStreamEvent, ChatStreamPart } from '../types/stream-events.js';
import { abortReason } from '../utils/abort.js';
import { createDeferred } from '../utils/deferred.js';
import { onAbort } from '../utils/link-signals.js';
import { StreamAccumulator } from './stream-accumulator.js';
import { closeQuietly, hasStreamTimeouts, type StreamTimeoutOptions, withStreamTimeouts } from './stream-timeouts.js';
import { textDeltas } from './text-deltas.js';

/** Produces the raw parts of one stream; it must stop and release its socket when `signal` aborts. */
export type ChatStreamSource = (signal: AbortSignal) => AsyncIterable<ChatStreamPart>;

/** Options of a `ChatStream`. */
export interface ChatStreamOptions extends StreamTimeoutOptions {
  /** The caller's signal; aborting it ends the stream with an `AbortedError` (or the signal's Switchboard error). */
  signal?: AbortSignal;
}

/**
 * The brand of the method through which middleware reads a core `ChatStream`'s parts without running the stream
 * itself; `Symbol.for`, so it works across duplicate copies of this package.
 */
export const CHAT_STREAM_PARTS: unique symbol = Symbol.for('switchboard.chatStream.parts');

/**
 * The one stream implementation every provider feeds. Iterate it for events, read `textStream` for text only, or
 * await `response` for the assembled answer (which drains the stream if nobody iterates it). Breaking out of the loop,
 * calling `abort()` or aborting the caller's signal cancels the source, which closes the HTTP request. The caller's
 * signal is linked when the stream starts and unlinked when it ends, never before, so a stream handed to middleware
 * as a parts source (see `openChatParts`) never links it at all.
 */
class ChatStreamImpl implements ChatStreamContract {
  private readonly controller = new AbortController();
  private readonly deferred = createDeferred<ChatResponse>();
  private consumed = false;

  constructor(
    private readonly source: ChatStreamSource,
    private readonly options: ChatStreamOptions = {},
  ) {
    // The promise may never be awaited; the rejection still reaches whoever awaits it.
    this.deferred.promise.catch(() => {});
  }

  /** A stream that replays a complete response (for caches, fallbacks and tests). */
  static fromResponse(response: ChatResponse, options?: ChatStreamOptions): ChatStreamContract {
    return new ChatStreamImpl(async function* () {
      yield {
        type: 'start',
        id: response.id,
        model: response.model,
        requestId: response.requestId,
        rateLimit: response.rateLimit,
      };
      if (response.text) yield { type: 'text-delta', delta: response.text };
      if (response.refusal) yield { type: 'refusal-delta', delta: response.refusal };
      for (const [index, call] of response.toolCalls.entries()) {
        yield { type: 'tool-call', index, toolCall: { id: call.id, name: call.name, arguments: call.arguments } };
      }
      if (response.providerMetadata) yield { type: 'provider-metadata', providerMetadata: response.providerMetadata };
      yield {
        type: 'finish',
        finishReason: response.finishReason,
        rawFinishReason: response.rawFinishReason,
        usage: response.usage,
      };
    }, options);
  }

  get response(): Promise<ChatResponse> {
    if (!this.consumed) void this.drain();
    return this.deferred.promise;
  }

  get textStream(): AsyncIterable<string> {
    return textDeltas(this[Symbol.asyncIterator]());
  }

  get aborted(): boolean {
    return this.controller.signal.aborted || this.options.signal?.aborted === true;
  }

  abort(reason?: SwitchboardError): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason ?? new AbortedError({ provider: this.options.provider }));
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    this.claim();
    return this.run();
  }

  /**
   * The parts of this stream under its own timeouts, run on `signal` instead of the caller's: how `wrapProvider` and
   * composing providers read a provider's stream without building a second `ChatStream` around it. Consumes the
   * stream.
   */
  [CHAT_STREAM_PARTS](signal: AbortSignal): AsyncIterable<ChatStreamPart> {
    this.claim();
    const { source, options } = this;
    return hasStreamTimeouts(options) ? withStreamTimeouts(source, options, signal) : source(signal);
  }

  private claim(): void {
    if (this.consumed) throw new Error('A ChatStream can be consumed once; use `response` or one loop.');
    this.consumed = true;
  }

  private async drain(): Promise<void> {
    try {
      for await (const _event of this) {
        // Draining only feeds the accumulator.
      }
    } catch {
      // The error already rejected `response`.
    }
  }

  private async *run(): AsyncGenerator<ChatStreamEvent> {
    const { provider } = this.options;
    const signal = this.controller.signal;
    const external = this.options.signal;
    const unlink = external ? onAbort(external, () => this.abort(abortReason(external, provider))) : () => {};
    const parts = hasStreamTimeouts(this.options)
      ? withStreamTimeouts(this.source, this.options, signal)
      : this.source(signal);
    const iterator = parts[Symbol.asyncIterator]();
    const accumulator = new StreamAccumulator();
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(signal.reason);
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => {});
    let completed = false;
    try {
      for (;;) {
        const pending = iterator.next();
        // If the race is lost to an abort, the pending read still settles later; keep that quiet.
        pending.catch(() => {});
        const next = await Promise.race([pending, aborted]);
        if (next.done) break;
        if (next.value.type === 'keep-alive') continue;
        for (const event of accumulator.push(next.value)) yield event;
      }
      if (signal.aborted) throw signal.reason;
      if (!accumulator.finished) {
        throw new NetworkError({ message: 'The stream ended before the provider finished the answer.', provider });
      }
      completed = true;
      this.deferred.resolve(accumulator.toResponse());
    } catch (error) {
      const failure = signal.aborted ? (signal.reason as SwitchboardError) : toStreamError(error, provider);
      this.deferred.reject(failure);
      throw failure;
    } finally {
      unlink();
      if (!completed) {
        const closed = new AbortedError({ provider, message: 'The stream was closed before it finished.' });
        Object.defineProperty(closed, CLOSED_BY_CONSUMER, { value: true });
        this.abort(closed);
        this.deferred.reject(signal.reason);
        // Not awaited: a source stuck in a read must not hold up the consumer; the abort already closes its socket.
        void closeQuietly(iterator);
      }
    }
  }
}

const CLOSED_BY_CONSUMER: unique symbol = Symbol.for('switchboard.stream.closedByConsumer');

/**
 * True when `signal` (a stream's, as middleware gets it) aborted because the consumer stopped reading before the end
 * (a `break`, an early `return`), not because the call was aborted or failed: middleware reports the first as a
 * cancellation and the others as errors. A `Symbol.for` brand, so it works across duplicate package copies.
 */
export function isClosedByConsumer(signal: AbortSignal): boolean {
  const reason: unknown = signal.reason;
  return signal.aborted && typeof reason === 'object' && reason !== null && CLOSED_BY_CONSUMER in reason;
}

/** The constructor side of `ChatStream`: build one from a source, or replay a complete response. */
export interface ChatStreamConstructor {
  /** A stream over `source`, cancelled by `options.signal` and timed by `options`' timeouts. */
  new (source: ChatStreamSource, options?: ChatStreamOptions): ChatStreamContract;
  /** A stream that replays a complete response (for caches, fallbacks and tests). */
  fromResponse(response: ChatResponse, options?: ChatStreamOptions): ChatStreamContract;
}

/** See `ChatStreamImpl`; the value is the class, the type is the contract's `ChatStream` interface. */
export const ChatStream: ChatStreamConstructor = ChatStreamImpl;
export type ChatStream = ChatStreamContract;

/** A stream built by core's `ChatStream`, whose parts a wrapper can read directly. */
export interface ChatStreamWithParts extends ChatStreamContract {
  /** Opens the stream's source on `signal`: its raw parts, without the accumulation the stream does for its caller. */
  [CHAT_STREAM_PARTS](signal: AbortSignal): AsyncIterable<ChatStreamPart>;
}

/** True for a stream built by core's `ChatStream` (from any copy of this package), whose parts can be read directly. */
export function hasChatStreamParts(stream: unknown): stream is ChatStreamWithParts {
  return typeof (stream as { [CHAT_STREAM_PARTS]?: unknown } | null)?.[CHAT_STREAM_PARTS] === 'function';
}

function toStreamError(error: unknown, provider: string | undefined): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError({ message: `The stream failed: ${message}`, provider, cause: error });
}
