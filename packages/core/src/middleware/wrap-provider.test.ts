import { describe, expect, it, vi } from 'vitest';
import { scriptedProvider } from '../../test/scripted-provider.js';
import { withHooks } from '../hooks/with-hooks.js';
import { ChatStream } from '../stream/chat-stream.js';
import type { Provider } from '../types/provider.js';
import type { ChatStreamPart } from '../types/stream-events.js';
import { type CallContext, wrapProvider } from './wrap-provider.js';

const chatRequest = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('wrapProvider', () => {
  it('runs wrapCall around every promise operation with its context', async () => {
    const inner = scriptedProvider();
    const seen: CallContext[] = [];
    const wrapped = wrapProvider(inner, {
      async wrapCall(next, context, options) {
        seen.push(context);
        return next({ ...options, headers: { 'x-trace': '1' } });
      },
    });
    await wrapped.chat(chatRequest);
    await wrapped.embed?.({ model: 'text-embedding-3-small', input: 'a' });
    await wrapped.generateImage?.({ model: 'gpt-image-1', prompt: 'cat' });
    await wrapped.checkConnection?.();
    expect(seen.map((c) => [c.operation, c.model])).toEqual([
      ['chat', 'gpt-4o'],
      ['embed', 'text-embedding-3-small'],
      ['generateImage', 'gpt-image-1'],
      ['checkConnection', undefined],
    ]);
    expect(seen[0]?.provider).toBe(inner);
    expect(inner.calls.every((c) => c.options?.headers?.['x-trace'] === '1')).toBe(true);
  });

  it('runs wrapStream around streams', async () => {
    const inner = scriptedProvider({ text: 'streamed' });
    const wrapped = wrapProvider(inner, {
      async *wrapStream(next, context, options) {
        expect(context.operation).toBe('streamChat');
        for await (const event of next(options))
          yield event.type === 'text-delta' ? { ...event, delta: event.delta.toUpperCase() } : event;
      },
    });
    expect((await wrapped.streamChat(chatRequest).response).text).toBe('STREAMED');
  });

  it('passes calls straight through without wrappers, keeping name, realtime and batches', async () => {
    const inner = scriptedProvider({ text: 'plain' });
    const wrapped = wrapProvider(inner, {});
    expect(wrapped.name).toBe('scripted');
    expect((await wrapped.chat(chatRequest)).text).toBe('plain');
    expect((await wrapped.streamChat(chatRequest).response).text).toBe('plain');
    expect(wrapped.realtime).toBe(inner.realtime);
    expect(Object.isFrozen(wrapped)).toBe(true);
  });

  it('leaves out operations the provider lacks', () => {
    const minimal: Provider = { name: 'min', chat: scriptedProvider().chat, streamChat: scriptedProvider().streamChat };
    const wrapped = wrapProvider(minimal, {});
    expect(wrapped.embed).toBeUndefined();
    expect(wrapped.generateImage).toBeUndefined();
    expect(wrapped.checkConnection).toBeUndefined();
    expect(wrapped.realtime).toBeUndefined();
    expect(wrapped.batches).toBeUndefined();
  });

  it('builds one ChatStream per call however many wrappers are stacked, linking the caller signal once', async () => {
    const state: { signal?: AbortSignal; closed: boolean } = { closed: false };
    const leaf: Provider = {
      name: 'leaf',
      chat: scriptedProvider().chat,
      streamChat: (_request, options) =>
        new ChatStream(
          async function* (signal) {
            state.signal = signal;
            try {
              yield { type: 'start' };
              yield { type: 'text-delta', delta: 'partial' };
              if (!signal.aborted) {
                await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
              }
              throw signal.reason;
            } finally {
              state.closed = true;
            }
          },
          { provider: 'leaf', ...(options?.signal ? { signal: options.signal } : {}) },
        ),
    };
    const seen: string[] = [];
    const tagging = (tag: string) =>
      ({
        async *wrapStream(next, _context, options) {
          seen.push(tag);
          yield* next(options);
        },
      }) satisfies Parameters<typeof wrapProvider>[1];
    const stacked = withHooks(wrapProvider(wrapProvider(leaf, tagging('inner')), tagging('outer')), {});
    const caller = new AbortController();
    const added = vi.spyOn(caller.signal, 'addEventListener');
    const stream = stacked.streamChat(chatRequest, { signal: caller.signal });
    const events: string[] = [];
    const consumed = (async () => {
      for await (const event of stream) {
        events.push(event.type);
        if (event.type === 'text-delta') caller.abort();
      }
    })();
    await expect(consumed).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toEqual(['outer', 'inner']);
    expect(events).toEqual(['start', 'text-delta']);
    expect(added).toHaveBeenCalledTimes(1);
    expect(state.signal).not.toBe(caller.signal);
    expect(state.signal?.aborted).toBe(true);
    await vi.waitFor(() => expect(state.closed).toBe(true));
  });

  it('lets middleware see keep-alive parts that the caller never sees', async () => {
    const leaf: Provider = {
      name: 'leaf',
      chat: scriptedProvider().chat,
      streamChat: (_request, options) =>
        new ChatStream(async function* () {
          yield { type: 'start' };
          yield { type: 'keep-alive' };
          yield { type: 'text-delta', delta: 'x' };
          yield { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' };
        }, options),
    };
    const parts: ChatStreamPart['type'][] = [];
    const wrapped = wrapProvider(leaf, {
      async *wrapStream(next, _context, options) {
        for await (const part of next(options)) {
          parts.push(part.type);
          yield part;
        }
      },
    });
    const events: string[] = [];
    for await (const event of wrapped.streamChat(chatRequest)) events.push(event.type);
    expect(parts).toEqual(['start', 'keep-alive', 'text-delta', 'finish']);
    expect(events).toEqual(['start', 'text-delta', 'finish']);
  });
});
