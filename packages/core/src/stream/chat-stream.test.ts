import { describe, expect, it, vi } from 'vitest';
import { AbortedError, NetworkError, ServerError, TimeoutError } from '../errors/error-classes.js';
import type { ChatResponse } from '../types/chat-response.js';
import type { ChatStreamEvent } from '../types/stream-events.js';
import { ChatStream, type ChatStreamSource, isClosedByConsumer } from './chat-stream.js';

const textEvents: ChatStreamEvent[] = [
  { type: 'start', id: 'chatcmpl-1', model: 'gpt-4o', requestId: 'req_1' },
  { type: 'text-delta', delta: 'Hel' },
  { type: 'text-delta', delta: 'lo' },
  {
    type: 'finish',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
  },
];

function fromEvents(events: ChatStreamEvent[]): ChatStreamSource {
  return async function* () {
    for (const event of events) yield event;
  };
}

/** A source that yields its events and then waits until aborted, recording whether it was closed. */
function hangingSource(events: ChatStreamEvent[], state: { closed: boolean; signal?: AbortSignal }): ChatStreamSource {
  return async function* (signal) {
    state.signal = signal;
    try {
      for (const event of events) yield event;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      throw signal.reason;
    } finally {
      state.closed = true;
    }
  };
}

describe('ChatStream', () => {
  it('yields events in order and assembles the response', async () => {
    const stream = new ChatStream(fromEvents(textEvents));
    const seen: string[] = [];
    for await (const event of stream) seen.push(event.type);
    expect(seen).toEqual(['start', 'text-delta', 'text-delta', 'finish']);
    const response = await stream.response;
    expect(response).toMatchObject({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      text: 'Hello',
      finishReason: 'stop',
      requestId: 'req_1',
      refusal: null,
      toolCalls: [],
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
    });
  });

  it('drains itself when only the response is awaited', async () => {
    const response = await new ChatStream(fromEvents(textEvents)).response;
    expect(response.text).toBe('Hello');
  });

  it('gives only text through textStream', async () => {
    const parts: string[] = [];
    const stream = new ChatStream(fromEvents(textEvents));
    for await (const text of stream.textStream) parts.push(text);
    expect(parts).toEqual(['Hel', 'lo']);
    expect((await stream.response).text).toBe('Hello');
  });

  it('can be consumed only once', async () => {
    const stream = new ChatStream(fromEvents(textEvents));
    await stream.response;
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/consumed once/);
  });

  it('completes tool calls when the next starts and at the finish, with parsed arguments', async () => {
    const stream = new ChatStream(
      fromEvents([
        { type: 'start' },
        { type: 'tool-call-delta', index: 0, id: 'call_a', name: 'get_weather', argumentsDelta: '{"city":' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
        { type: 'tool-call-delta', index: 1, id: 'call_b', name: 'get_time', argumentsDelta: '{"tz":"CET"' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '}' },
        { type: 'finish', finishReason: 'tool-calls', rawFinishReason: 'tool_calls' },
      ]),
    );
    const events: ChatStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const completed = events.filter((e) => e.type === 'tool-call');
    expect(completed).toEqual([
      { type: 'tool-call', index: 0, toolCall: { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { type: 'tool-call', index: 1, toolCall: { id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' } },
    ]);
    // The first call is complete as soon as the second starts.
    expect(events.findIndex((e) => e.type === 'tool-call')).toBeLessThan(
      events.findIndex((e) => e.type === 'tool-call-delta' && e.index === 1 && e.id === 'call_b') + 1,
    );
    const response = await stream.response;
    expect(response.toolCalls.map((c) => c.parsedArguments)).toEqual([{ city: 'Paris' }, { tz: 'CET' }]);
    expect(response.finishReason).toBe('tool-calls');
  });

  it('keeps unparsable tool arguments as text with parsedArguments undefined', async () => {
    const response = await new ChatStream(
      fromEvents([
        { type: 'tool-call-delta', index: 0, id: 'c', name: 'f', argumentsDelta: '{"broken' },
        { type: 'finish', finishReason: 'tool-calls', rawFinishReason: 'tool_calls' },
      ]),
    ).response;
    expect(response.toolCalls[0]).toEqual({ id: 'c', name: 'f', arguments: '{"broken', parsedArguments: undefined });
  });

  it('does not emit a tool call twice when the source already completed it', async () => {
    const events: ChatStreamEvent[] = [];
    const stream = new ChatStream(
      fromEvents([
        { type: 'tool-call', index: 0, toolCall: { id: 'c0', name: 'f', arguments: '{}' } },
        { type: 'tool-call-delta', index: 1, id: 'c1', name: 'g', argumentsDelta: '{}' },
        { type: 'finish', finishReason: 'tool-calls', rawFinishReason: 'tool_calls' },
      ]),
    );
    for await (const event of stream) events.push(event);
    expect(events.filter((e) => e.type === 'tool-call').map((e) => (e as { index: number }).index)).toEqual([0, 1]);
  });

  it('assembles refusals and merges provider metadata', async () => {
    const response = await new ChatStream(
      fromEvents([
        { type: 'start', rateLimit: { remainingRequests: 9 } },
        { type: 'provider-metadata', providerMetadata: { azure: { promptFilter: 1 } } },
        { type: 'refusal-delta', delta: "I can't" },
        { type: 'refusal-delta', delta: ' help.' },
        { type: 'provider-metadata', providerMetadata: { azure: { contentFilter: 2 } } },
        { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
      ]),
    ).response;
    expect(response.refusal).toBe("I can't help.");
    expect(response.providerMetadata).toEqual({ azure: { promptFilter: 1, contentFilter: 2 } });
    expect(response.rateLimit).toEqual({ remainingRequests: 9 });
    expect(response.usage).toBeUndefined();
  });

  it('assembles the reasoning summary from reasoning deltas', async () => {
    const response = await new ChatStream(
      fromEvents([
        { type: 'start' },
        { type: 'reasoning-delta', delta: 'Compare ' },
        { type: 'reasoning-delta', delta: 'both.' },
        { type: 'text-delta', delta: 'B' },
        { type: 'finish', finishReason: 'stop', rawFinishReason: 'completed' },
      ]),
    ).response;
    expect(response.reasoningSummary).toBe('Compare both.');
    expect(response.text).toBe('B');
  });

  it('fails with a network error when the source ends before finishing', async () => {
    const stream = new ChatStream(fromEvents(textEvents.slice(0, 2)));
    await expect(stream.response).rejects.toBeInstanceOf(NetworkError);
  });

  it('passes typed source errors through and wraps plain ones', async () => {
    const typed = new ServerError({ message: 'boom', status: 500 });
    await expect(
      new ChatStream(async function* () {
        yield* [];
        throw typed;
      }).response,
    ).rejects.toBe(typed);
    const wrapped = new ChatStream(async function* () {
      yield* [];
      throw new Error('socket hang up');
    });
    await expect(wrapped.response).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('socket hang up'),
    });
  });

  it('cancels the source when the consumer breaks out early', async () => {
    const state: { closed: boolean; signal?: AbortSignal } = { closed: false };
    const stream = new ChatStream(hangingSource(textEvents.slice(0, 2), state));
    for await (const event of stream) {
      if (event.type === 'text-delta') break;
    }
    expect(state.signal?.aborted).toBe(true);
    await vi.waitFor(() => expect(state.closed).toBe(true));
    await expect(stream.response).rejects.toBeInstanceOf(AbortedError);
    expect(stream.aborted).toBe(true);
  });

  it('rejects at once when the caller signal aborts, even if the source ignores it', async () => {
    const controller = new AbortController();
    const stream = new ChatStream(
      async function* () {
        yield { type: 'start' } as ChatStreamEvent;
        await new Promise(() => {}); // never settles: a source that ignores its signal
      },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await expect(stream.response).rejects.toBeInstanceOf(AbortedError);
  });

  it('starts aborted when the caller signal is already aborted', async () => {
    const stream = new ChatStream(fromEvents(textEvents), { signal: AbortSignal.abort() });
    await expect(stream.response).rejects.toBeInstanceOf(AbortedError);
  });

  it('uses a Switchboard error given as the abort reason', async () => {
    const controller = new AbortController();
    const reason = new TimeoutError({ phase: 'total', timeoutMs: 5 });
    controller.abort(reason);
    await expect(new ChatStream(fromEvents(textEvents), { signal: controller.signal }).response).rejects.toBe(reason);
  });

  it('abort() ends the stream with an AbortedError and is idempotent', async () => {
    const state = { closed: false };
    const stream = new ChatStream(hangingSource([{ type: 'start' }], state));
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    stream.abort();
    stream.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortedError);
  });

  it('fires the first-token timeout when no output arrives in time', async () => {
    vi.useFakeTimers();
    try {
      const state = { closed: false };
      const stream = new ChatStream(hangingSource([{ type: 'start' }], state), { firstTokenTimeoutMs: 100 });
      const result = stream.response.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(100);
      const error = await result;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ phase: 'first-token', timeoutMs: 100 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('fires the idle timeout between chunks but not while chunks keep coming', async () => {
    vi.useFakeTimers();
    try {
      const stream = new ChatStream(
        async function* (signal) {
          for (let i = 0; i < 5; i++) {
            await new Promise((r) => setTimeout(r, 40));
            yield { type: 'text-delta', delta: `${i}` } as ChatStreamEvent;
          }
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        },
        { idleTimeoutMs: 50, firstTokenTimeoutMs: 1_000 },
      );
      const result = stream.response.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(40 * 5 + 50);
      expect(await result).toMatchObject({ code: 'timeout', phase: 'idle', timeoutMs: 50 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears its timers after a normal finish', async () => {
    vi.useFakeTimers();
    try {
      const stream = new ChatStream(fromEvents(textEvents), { firstTokenTimeoutMs: 1_000, idleTimeoutMs: 1_000 });
      await stream.response;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('textStream return() closes the stream', async () => {
    const state = { closed: false };
    const stream = new ChatStream(hangingSource(textEvents.slice(0, 2), state));
    for await (const _text of stream.textStream) break;
    await vi.waitFor(() => expect(state.closed).toBe(true));
  });

  it('replays a complete response with fromResponse', async () => {
    const original: ChatResponse = {
      id: 'r1',
      model: 'gpt-4o',
      text: 'hi',
      refusal: 'no',
      toolCalls: [{ id: 'c', name: 'f', arguments: '{"a":1}', parsedArguments: { a: 1 } }],
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      requestId: 'req',
      providerMetadata: { azure: { x: 1 } },
    };
    expect(await ChatStream.fromResponse(original).response).toEqual(original);
    const bare = { ...original, text: '', refusal: null, toolCalls: [], usage: undefined, providerMetadata: undefined };
    const replayed = await ChatStream.fromResponse(bare as ChatResponse).response;
    expect(replayed.text).toBe('');
    expect(replayed.providerMetadata).toBeUndefined();
  });

  it('leaves no unhandled rejection when a failed stream response is never awaited', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const stream = new ChatStream(async function* () {
        yield* [];
        throw new Error('x');
      });
      await expect(
        (async () => {
          for await (const _ of stream) {
            // consume
          }
        })(),
      ).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('isClosedByConsumer', () => {
  it('tells a consumer that stopped reading from an abort', async () => {
    const early: { closed: boolean; signal?: AbortSignal } = { closed: false };
    for await (const event of new ChatStream(hangingSource(textEvents.slice(0, 2), early))) {
      if (event.type === 'text-delta') break;
    }
    expect(early.signal && isClosedByConsumer(early.signal)).toBe(true);

    const aborted: { closed: boolean; signal?: AbortSignal } = { closed: false };
    const controller = new AbortController();
    const stream = new ChatStream(hangingSource(textEvents.slice(0, 2), aborted), { signal: controller.signal });
    await expect(
      (async () => {
        for await (const event of stream) if (event.type === 'text-delta') controller.abort();
      })(),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(aborted.signal?.aborted).toBe(true);
    expect(aborted.signal && isClosedByConsumer(aborted.signal)).toBe(false);
    expect(isClosedByConsumer(new AbortController().signal)).toBe(false);
  });
});
