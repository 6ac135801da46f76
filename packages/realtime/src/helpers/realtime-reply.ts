import { AbortedError } from '@switchboard/core';
import type { RealtimeResponse, RealtimeUsage } from '../events/server/shared-schemas.js';
import { ReplayChannel } from '../internal/replay-channel.js';
import { fromBase64 } from './base64.js';

/** How a reply ended. */
export interface RealtimeReplyResult {
  /** The last response's id. */
  responseId: string;
  /** The last response's status: `completed`, `cancelled` or `incomplete`. */
  status: string;
  /** The text of every response of the reply (for audio responses, the transcript). */
  text: string;
  /** The last `response.done` response. */
  response: RealtimeResponse;
  /** Every response of the reply, in order: tool calls answered automatically add one each. */
  responses: RealtimeResponse[];
  /** Usage of the last response. */
  usage: RealtimeUsage | undefined;
}

/**
 * The receiving end of one reply: the session routes the response's deltas here and settles it. Kept apart from
 * RealtimeReply so the public object has no internal methods.
 */
export class ReplySink {
  readonly text = new ReplayChannel<string>();
  readonly audio = new ReplayChannel<string>();
  readonly responses: RealtimeResponse[] = [];
  readonly result: Promise<RealtimeReplyResult>;
  /** Client event ids whose `error` events fail this reply. */
  readonly eventIds = new Set<string>();
  responseId: string | undefined;
  cancelRequested = false;
  #settled = false;
  #resolve!: (result: RealtimeReplyResult) => void;
  #reject!: (error: unknown) => void;
  readonly #onSettled: (sink: ReplySink) => void;

  constructor(onSettled: (sink: ReplySink) => void) {
    this.#onSettled = onSettled;
    this.result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Readers that never look at `done` must not turn a failure into an unhandled rejection.
    this.result.catch(() => {});
  }

  /** True once completed or failed. */
  get settled(): boolean {
    return this.#settled;
  }

  /** A response of this reply ended and another one follows (tool outputs were sent). */
  addResponse(response: RealtimeResponse): void {
    this.responses.push(response);
  }

  /** The reply's last response ended. */
  complete(response: RealtimeResponse): void {
    if (this.#settled) return;
    this.#settled = true;
    this.responses.push(response);
    this.text.end();
    this.audio.end();
    this.#resolve({
      responseId: response.id,
      status: response.status ?? 'completed',
      text: this.text.items.join(''),
      response,
      responses: this.responses,
      usage: response.usage ?? undefined,
    });
    this.#onSettled(this);
  }

  /** The reply failed. */
  fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.text.fail(error);
    this.audio.fail(error);
    this.#reject(error);
    this.#onSettled(this);
  }
}

/**
 * One response (or a chain: a tool call, the tool's output, the answer) requested with `sendText` or
 * `createResponse`. `await reply` (or `reply.text`) gives the assembled text; `textStream` yields the deltas as they
 * arrive; `audio` / `audioStream` give PCM16 audio for audio responses. If the connection drops first, every one of
 * them rejects with ResponseInterruptedError; a response that failed rejects with the mapped error.
 */
export class RealtimeReply implements PromiseLike<string> {
  /** The assembled text (the transcript for audio responses). */
  readonly text: Promise<string>;
  /** How the reply ended. */
  readonly done: Promise<RealtimeReplyResult>;
  readonly #sink: ReplySink;
  readonly #cancel: () => void;
  #audio: Promise<Uint8Array> | undefined;

  constructor(sink: ReplySink, cancel: () => void, signal?: AbortSignal) {
    this.#sink = sink;
    this.#cancel = cancel;
    this.done = sink.result;
    this.text = sink.result.then((result) => result.text);
    this.text.catch(() => {});
    if (signal) {
      const onAbort = () => {
        if (sink.settled) return;
        this.cancel();
        sink.fail(new AbortedError({ message: 'The reply was aborted.', cause: signal.reason }));
      };
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        sink.result.then(
          () => signal.removeEventListener('abort', onAbort),
          () => signal.removeEventListener('abort', onAbort),
        );
      }
    }
  }

  /** The current response's id, once the server announced it. */
  get responseId(): string | undefined {
    return this.#sink.responseId;
  }

  /** Text deltas as they arrive (from the first one, whenever you start reading). */
  get textStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => this.#sink.text.read() };
  }

  /** Audio chunks (PCM16 bytes) as they arrive. */
  get audioStream(): AsyncIterable<Uint8Array> {
    const audio = this.#sink.audio;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of audio.read()) yield fromBase64(chunk);
      },
    };
  }

  /** All audio of the reply, PCM16 bytes, once it is done. */
  get audio(): Promise<Uint8Array> {
    this.#audio ??= this.done.then(() => {
      const chunks = this.#sink.audio.items.map(fromBase64);
      const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    });
    return this.#audio;
  }

  /** Asks the server to cancel the response; the reply then resolves with status `cancelled` and the partial text. */
  cancel(): void {
    if (!this.#sink.settled) this.#cancel();
  }

  // biome-ignore lint/suspicious/noThenProperty: a reply is awaitable on purpose (`const text = await session.sendText('hi')`).
  then<R1 = string, R2 = never>(
    onfulfilled?: ((value: string) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.text.then(onfulfilled, onrejected);
  }
}
