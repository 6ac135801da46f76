import { AbortedError } from '../errors/error-classes.js';
import type { Provider } from '../types/provider.js';
import { createDeferred } from '../utils/deferred.js';
import type { ToolSet } from './tool.js';
import { toolLoop } from './tool-loop.js';
import type { RunToolsOptions, RunToolsResult, ToolStreamEvent } from './tool-loop-types.js';

/**
 * A tool loop that streams: iterate it for each step's chat events (`text-delta`, `tool-call`, ... with a `step`
 * number) between `step-start` and `step-finish`, and a `tool-result` for each call; await `result` for what
 * `runTools` returns (awaiting it without iterating runs the loop to the end). It can be consumed once; breaking out
 * of the loop cancels the current request.
 */
export class ToolStream<T extends ToolSet> implements AsyncIterable<ToolStreamEvent<T>> {
  private readonly deferred = createDeferred<RunToolsResult<T>>();
  private consumed = false;

  /** @internal Use `streamTools`. */
  constructor(
    private readonly provider: Provider,
    private readonly options: RunToolsOptions<T>,
  ) {
    // The promise may never be awaited; the rejection still reaches whoever awaits it.
    this.deferred.promise.catch(() => {});
  }

  /** The loop's result, as `runTools` returns it. */
  get result(): Promise<RunToolsResult<T>> {
    if (!this.consumed) void this.drain();
    return this.deferred.promise;
  }

  /** Only the text of every step's answer. */
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

  /** Iterates the events; the stream can be consumed once (by a loop, `textStream` or `result`). */
  [Symbol.asyncIterator](): AsyncIterator<ToolStreamEvent<T>> {
    if (this.consumed) throw new Error('A ToolStream can be consumed once; use `result` or one loop.');
    this.consumed = true;
    return this.run();
  }

  private async drain(): Promise<void> {
    try {
      for await (const _event of this) {
        // Draining only runs the loop.
      }
    } catch {
      // The error already rejected `result`.
    }
  }

  private async *run(): AsyncGenerator<ToolStreamEvent<T>> {
    let settled = false;
    const loop = toolLoop(this.provider, this.options, true);
    try {
      let next = await loop.next();
      while (!next.done) {
        yield next.value;
        next = await loop.next();
      }
      settled = true;
      this.deferred.resolve(next.value);
    } catch (error) {
      settled = true;
      this.deferred.reject(error);
      throw error;
    } finally {
      if (!settled) {
        // The consumer broke out: closing the loop closes the step's chat stream.
        await loop.return(undefined as never);
        this.deferred.reject(
          new AbortedError({ provider: this.provider.name, message: 'The tool stream was closed before it finished.' }),
        );
      }
    }
  }
}

/** The streaming form of `runTools`: the same loop and options, with each step's events as they arrive. */
export function streamTools<T extends ToolSet>(provider: Provider, options: RunToolsOptions<T>): ToolStream<T> {
  return new ToolStream(provider, options);
}
