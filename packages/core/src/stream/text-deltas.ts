/**
 * Only the text of an event stream: the `delta` of each `text-delta` event, read from `events` on demand. Stopping
 * early returns `events` (which closes the stream below).
 */
export function textDeltas(events: AsyncIterator<{ type: string; delta?: unknown }>): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<string>> => {
        for (;;) {
          const next = await events.next();
          if (next.done) return { done: true, value: undefined };
          if (next.value.type === 'text-delta') return { done: false, value: next.value.delta as string };
        }
      },
      return: async (): Promise<IteratorResult<string>> => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    }),
  };
}
