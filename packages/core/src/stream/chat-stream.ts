import { AbortedError, NetworkError, TimeoutError } from '../errors/error-classes.js';
import { isSwitchboardError, type SwitchboardError } from '../errors/switchboard-error.js';
import { createDeferred } from '../shared/deferred.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { ChatStreamEvent } from '../types/stream-events.js';
import { StreamAccumulator } from './stream-accumulator.js';

/** Produces the raw events of one stream; it must stop and release its socket when `signal` aborts. */
export type ChatStreamSource = (signal: AbortSignal) => AsyncIterable<ChatStreamEvent>;

/** Options of a `ChatStream`. */
export interface ChatStreamOptions {
  /** The caller's signal; aborting it ends the stream with an `AbortedError`. */
  signal?: AbortSignal;
  /** Time allowed until the first output event, in milliseconds. */
  firstTokenTimeoutMs?: number;
  /** Time allowed between two source events, in milliseconds. */
  idleTimeoutMs?: number;
  /** The provider name, put on errors. */
  provider?: string;
}

const OUTPUT_EVENTS = new Set<ChatStreamEvent['type']>(['text-delta', 'refusal-delta', 'tool-call-delta', 'tool-call']);

/**
 * The one stream implementation every provider feeds. Iterate it for events, read `textStream` for text only, or
 * await `response` for the assembled answer (which drains the stream if nobody iterates it). Breaking out of the loop,
 * calling `abort()` or aborting the caller's signal cancels the source, which closes the HTTP request.
 */
export class ChatStream implements AsyncIterable<ChatStreamEvent> {
  private readonly controller = new AbortController();
  private readonly accumulator = new StreamAccumulator();
  private readonly deferred = createDeferred<ChatResponse>();
  private consumed = false;
  private readonly unlinkSignal: () => void;

  constructor(
    private readonly source: ChatStreamSource,
    private readonly options: ChatStreamOptions = {},
  ) {
    // The promise may never be awaited; the rejection still reaches whoever awaits it.
    this.deferred.promise.catch(() => {});
    const external = options.signal;
    if (external?.aborted) this.abort(abortReason(external, options.provider));
    const onAbort = () => this.abort(abortReason(external as AbortSignal, options.provider));
    external?.addEventListener('abort', onAbort, { once: true });
    this.unlinkSignal = () => external?.removeEventListener('abort', onAbort);
  }

  /** A stream that replays a complete response (for caches, fallbacks and tests). */
  static fromResponse(response: ChatResponse, options?: ChatStreamOptions): ChatStream {
    return new ChatStream(async function* () {
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

  /** The assembled final response. Awaiting it without iterating drains the stream. */
  get response(): Promise<ChatResponse> {
    if (!this.consumed) void this.drain();
    return this.deferred.promise;
  }

  /** Only the text of the answer. */
  get textStream(): AsyncIterable<string> {
    const events = this[Symbol.asyncIterator]();
    return {
      [Symbol.asyncIterator]: () => ({
        next: async (): Promise<IteratorResult<string>> => {
          for (;;) {
            const next = await events.next();
            if (next.done) return { done: true, value: undefined };
            if (next.value.type === 'text-delta') return { done: false, value: next.value.delta };
          }
        },
        return: async (): Promise<IteratorResult<string>> => {
          await events.return?.();
          return { done: true, value: undefined };
        },
      }),
    };
  }

  /** True once the caller, a timeout or an early exit has cancelled the stream. */
  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Cancels the stream; iteration and `response` reject with `reason` (an `AbortedError` by default). */
  abort(reason?: SwitchboardError): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason ?? new AbortedError({ provider: this.options.provider }));
  }

  /** Iterates the events; a stream can be consumed once (by a loop, `textStream` or `response`). */
  [Symbol.asyncIterator](): AsyncIterator<ChatStreamEvent> {
    if (this.consumed) throw new Error('A ChatStream can be consumed once; use `response` or one loop.');
    this.consumed = true;
    return this.run();
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
    const signal = this.controller.signal;
    const iterator = this.source(signal)[Symbol.asyncIterator]();
    const timers = new StreamTimers(this.options, (error) => this.abort(error));
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(signal.reason);
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => {});
    let completed = false;
    try {
      timers.start();
      for (;;) {
        const pending = iterator.next();
        // If the race is lost to an abort, the pending read still settles later; keep that quiet.
        pending.catch(() => {});
        const next = await Promise.race([pending, aborted]);
        if (next.done) break;
        timers.onEvent(OUTPUT_EVENTS.has(next.value.type));
        for (const event of this.accumulator.push(next.value)) yield event;
      }
      if (signal.aborted) throw signal.reason;
      if (!this.accumulator.finished) {
        throw new NetworkError({
          message: 'The stream ended before the provider finished the answer.',
          provider: this.options.provider,
        });
      }
      completed = true;
      this.deferred.resolve(this.accumulator.toResponse());
    } catch (error) {
      const failure = signal.aborted
        ? (signal.reason as SwitchboardError)
        : toStreamError(error, this.options.provider);
      this.deferred.reject(failure);
      throw failure;
    } finally {
      timers.stop();
      this.unlinkSignal();
      if (!completed) {
        this.abort(
          new AbortedError({ provider: this.options.provider, message: 'The stream was closed before it finished.' }),
        );
        this.deferred.reject(signal.reason);
        // Not awaited: a source stuck in a read must not hold up the consumer; the abort already closes its socket.
        void closeQuietly(iterator);
      }
    }
  }
}

/** First-token and idle timers of one stream. */
class StreamTimers {
  private firstToken: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private sawOutput = false;

  constructor(
    private readonly options: ChatStreamOptions,
    private readonly fire: (error: TimeoutError) => void,
  ) {}

  start(): void {
    const { firstTokenTimeoutMs } = this.options;
    if (firstTokenTimeoutMs !== undefined) {
      this.firstToken = setTimeout(() => this.timeout('first-token', firstTokenTimeoutMs), firstTokenTimeoutMs);
    }
    this.resetIdle();
  }

  onEvent(isOutput: boolean): void {
    if (isOutput && !this.sawOutput) {
      this.sawOutput = true;
      clearTimeout(this.firstToken);
    }
    this.resetIdle();
  }

  stop(): void {
    clearTimeout(this.firstToken);
    clearTimeout(this.idle);
  }

  private resetIdle(): void {
    const { idleTimeoutMs } = this.options;
    if (idleTimeoutMs === undefined) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.timeout('idle', idleTimeoutMs), idleTimeoutMs);
  }

  private timeout(phase: 'first-token' | 'idle', timeoutMs: number): void {
    this.fire(new TimeoutError({ phase, timeoutMs, provider: this.options.provider }));
  }
}

function abortReason(signal: AbortSignal, provider: string | undefined): SwitchboardError {
  return isSwitchboardError(signal.reason) ? signal.reason : new AbortedError({ provider, cause: signal.reason });
}

function toStreamError(error: unknown, provider: string | undefined): SwitchboardError {
  if (isSwitchboardError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError({ message: `The stream failed: ${message}`, provider, cause: error });
}

async function closeQuietly(iterator: AsyncIterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // The source failed while closing; the stream already has its error.
  }
}
