import { describe, expect, it } from 'vitest';
import { scriptedProvider } from '../../test/scripted-provider.js';
import { ChatStream } from '../stream/chat-stream.js';
import type { Provider } from '../types/provider.js';
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
      wrapStream(next, context, options) {
        expect(context.operation).toBe('streamChat');
        const stream = next(options);
        return new ChatStream(async function* () {
          for await (const event of stream)
            yield event.type === 'text-delta' ? { ...event, delta: event.delta.toUpperCase() } : event;
        });
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
});
