import type { z } from 'zod';
import { AbortedError } from '../errors/error-classes.js';
import type { ChatStream } from '../stream/chat-stream.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { Provider } from '../types/provider.js';
import { createDeferred } from '../utils/deferred.js';
import type { DeepPartial } from './deep-partial.js';
import {
  finishObject,
  type ObjectCallOptions,
  type ObjectPrompt,
  type PreparedObjectCall,
  prepareObjectCall,
} from './object-call.js';
import { parsePartialJson } from './parse-partial-json.js';

/** Options of `streamObject`: the same as `generateObject`'s. */
export type StreamObjectOptions<S extends z.ZodType> = ObjectCallOptions<S> & ObjectPrompt;

/**
 * A structured answer while it streams. Iterate `partialObjectStream` for ever more complete objects, or await
 * `object` for the validated final one (which drains the stream if nobody iterates it). It can be consumed once.
 * Breaking out of the loop, `abort()` or the caller's signal cancels the request.
 */
export class ObjectStream<T> {
  private readonly objectDeferred = createDeferred<T>();
  private readonly chat: ChatStream | undefined;
  private consumed = false;

  /** @internal Use `streamObject`. */
  constructor(
    private readonly provider: Provider,
    private readonly call: PreparedObjectCall<z.ZodType>,
    private readonly startError?: unknown,
  ) {
    // The promise may never be awaited; the rejection still reaches whoever awaits it.
    this.objectDeferred.promise.catch(() => {});
    if (startError === undefined) this.chat = provider.streamChat(call.request, call.callOptions);
    else this.objectDeferred.reject(startError);
  }

  /** Deep-partial objects as the answer streams; each differs from the one before. */
  get partialObjectStream(): AsyncIterable<DeepPartial<T>> {
    return { [Symbol.asyncIterator]: () => this.consume() };
  }

  /** The validated final object; rejects with a `StructuredOutputError` when the answer cannot be used. */
  get object(): Promise<T> {
    if (!this.consumed) void this.drain();
    return this.objectDeferred.promise;
  }

  /** The assembled response (usage, request id, raw text), also when the object fails validation. */
  get response(): Promise<ChatResponse> {
    if (!this.chat) return Promise.reject(this.startError);
    if (!this.consumed) void this.drain();
    return this.chat.response;
  }

  /** Cancels the request; `object` and the iteration reject with an `AbortedError`. */
  abort(): void {
    this.chat?.abort();
  }

  private consume(): AsyncGenerator<DeepPartial<T>> {
    if (this.consumed) throw new Error('An ObjectStream can be consumed once; use `object` or one loop.');
    this.consumed = true;
    return this.run();
  }

  private async drain(): Promise<void> {
    try {
      for await (const _partial of this.consume()) {
        // Draining only assembles the answer.
      }
    } catch {
      // The error already rejected `object`.
    }
  }

  private async *run(): AsyncGenerator<DeepPartial<T>> {
    let settled = false;
    try {
      if (!this.chat) throw this.startError;
      let text = '';
      let last = '';
      for await (const event of this.chat) {
        if (event.type !== 'text-delta') continue;
        text += event.delta;
        const partial = parsePartialJson(text);
        if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) continue;
        this.call.strict.revive(partial);
        const key = JSON.stringify(partial);
        if (key === last) continue;
        last = key;
        yield partial as DeepPartial<T>;
      }
      const response = await this.chat.response;
      settled = true;
      this.objectDeferred.resolve((await finishObject(this.call, response, this.provider)) as T);
    } catch (error) {
      settled = true;
      this.objectDeferred.reject(error);
      throw error;
    } finally {
      if (!settled) {
        this.objectDeferred.reject(
          new AbortedError({
            provider: this.provider.name,
            message: 'The object stream was closed before it finished.',
          }),
        );
      }
    }
  }
}

/**
 * Streams an answer shaped by a zod schema: deep-partial objects while it arrives, then the validated object (see
 * `generateObject` for the schema rules and errors). Bad options or an unusable schema reject `object` and the
 * iteration with a `ConfigError` before anything is sent.
 */
export function streamObject<S extends z.ZodType>(
  provider: Provider,
  options: StreamObjectOptions<S>,
): ObjectStream<z.output<S>> {
  let call: PreparedObjectCall<S>;
  try {
    call = prepareObjectCall(options);
  } catch (error) {
    return new ObjectStream(provider, undefined as unknown as PreparedObjectCall<S>, error);
  }
  return new ObjectStream(provider, call);
}
