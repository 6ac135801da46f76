import {
  AbortedError,
  AuthenticationError,
  type ChatStreamEvent,
  CircuitOpenError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  ServerError,
  UnsupportedError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { scriptedProvider, streamEvents } from '../../test/support/scripted-provider.js';
import { type FallbackAttemptEvent, fallback } from './fallback.js';
import { shouldFallBack } from './should-fall-back.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('shouldFallBack', () => {
  it('moves on for retryable failures, an open circuit, context length and our own refusals', () => {
    expect(shouldFallBack(new ServerError({ message: '503', status: 503 }))).toBe(true);
    expect(shouldFallBack(new NetworkError({ message: 'reset' }))).toBe(true);
    expect(shouldFallBack(new RateLimitError({ message: '429', status: 429, retryAfterMs: 9e6 }))).toBe(true);
    expect(shouldFallBack(new CircuitOpenError({ message: 'open', key: 'k' }))).toBe(true);
    expect(shouldFallBack(new ContextLengthError({ message: 'long', status: 400 }))).toBe(true);
    expect(
      shouldFallBack(new RateLimitError({ message: 'bulkhead full', source: 'resilience', retryable: false })),
    ).toBe(true);
  });

  it('never moves on for 400, 401, content filter, quota or an abort', () => {
    expect(shouldFallBack(new InvalidRequestError({ message: 'bad', status: 400 }))).toBe(false);
    expect(shouldFallBack(new AuthenticationError({ message: 'key', status: 401 }))).toBe(false);
    expect(shouldFallBack(new ContentFilterError({ message: 'blocked', status: 400 }))).toBe(false);
    expect(shouldFallBack(new RateLimitError({ message: 'quota', status: 429, kind: 'quota' }))).toBe(false);
    expect(shouldFallBack(new AbortedError())).toBe(false);
  });
});

describe('fallback', () => {
  it('tries the next provider on a retryable failure and reports each attempt', async () => {
    const events: FallbackAttemptEvent[] = [];
    const a = scriptedProvider([{ kind: 'error', error: new ServerError({ message: '503', status: 503 }) }], 'a');
    const b = scriptedProvider([{ kind: 'ok', text: 'from b' }], 'b');
    const provider = fallback([a.provider, b.provider], { onAttempt: (e) => events.push(e) });
    expect(provider.name).toBe('fallback(a,b)');
    await expect(provider.chat(request)).resolves.toMatchObject({ text: 'from b' });
    expect(events).toMatchObject([
      {
        index: 0,
        provider: 'a',
        model: 'gpt-4o',
        operation: 'chat',
        ok: false,
        fallingBack: true,
        error: { status: 503 },
      },
      { index: 1, provider: 'b', ok: true, fallingBack: false },
    ]);
  });

  it('stops at a failure another provider would repeat', async () => {
    const a = scriptedProvider([{ kind: 'error', error: new ContentFilterError({ message: 'no', status: 400 }) }], 'a');
    const b = scriptedProvider([{ kind: 'ok' }], 'b');
    await expect(fallback([a.provider, b.provider]).chat(request)).rejects.toBeInstanceOf(ContentFilterError);
    expect(b.calls).toHaveLength(0);
  });

  it('can switch model for a context-length failure, and throws the last error when all fail', async () => {
    const a = scriptedProvider(
      [{ kind: 'error', error: new ContextLengthError({ message: 'long', status: 400 }) }],
      'a',
    );
    const b = scriptedProvider([{ kind: 'error', error: new NetworkError({ message: 'down' }) }], 'b');
    const provider = fallback([a.provider, { provider: b.provider, model: 'gpt-4.1' }], { name: 'chain' });
    await expect(provider.chat(request)).rejects.toBeInstanceOf(NetworkError);
    expect(b.calls[0]?.model).toBe('gpt-4.1');
  });

  it('honours a custom decision and survives a throwing observer', async () => {
    const a = scriptedProvider(
      [{ kind: 'error', error: new AuthenticationError({ message: 'key', status: 401 }) }],
      'a',
    );
    const b = scriptedProvider([{ kind: 'ok', text: 'b' }], 'b');
    const provider = fallback([a.provider, b.provider], {
      shouldFallBack: () => true,
      onAttempt: () => {
        throw new Error('observer bug');
      },
    });
    await expect(provider.chat(request)).resolves.toMatchObject({ text: 'b' });
  });

  it('does not move on after the caller aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const a = scriptedProvider([{ kind: 'ok' }], 'a');
    await expect(fallback([a.provider]).chat(request, { signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(a.calls).toHaveLength(0);
  });

  it('skips providers without the operation, and covers embed, images and checkConnection', async () => {
    const a = scriptedProvider([{ kind: 'error', error: new ServerError({ message: '500', status: 500 }) }], 'a');
    const bare = { name: 'bare', chat: a.provider.chat, streamChat: a.provider.streamChat };
    const b = scriptedProvider([{ kind: 'ok' }], 'b');
    const provider = fallback([bare, a.provider, b.provider]);
    await expect(provider.embed?.({ model: 'e', input: 'x' })).resolves.toMatchObject({ model: 'e' });
    await expect(provider.generateImage?.({ model: 'i', prompt: 'p' })).resolves.toMatchObject({ model: 'i' });
    await expect(provider.checkConnection?.()).resolves.toMatchObject({ ok: true });
    expect(fallback([bare]).embed).toBeUndefined();
    expect(() => fallback([])).toThrow(UnsupportedError);
  });

  it('moves a stream on only before its first output', async () => {
    const events: FallbackAttemptEvent[] = [];
    const a = scriptedProvider(
      [{ kind: 'stream', events: [{ type: 'start', id: 'a' }], error: new NetworkError({ message: 'cut' }) }],
      'a',
    );
    const b = scriptedProvider([{ kind: 'stream', events: streamEvents('from b') }], 'b');
    const stream = fallback([a.provider, b.provider], { onAttempt: (e) => events.push(e) }).streamChat(request);
    const seen: ChatStreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen.filter((e) => e.type === 'start')).toHaveLength(1);
    await expect(stream.response).resolves.toMatchObject({ text: 'from b' });
    expect(events.map((e) => [e.provider, e.ok, e.fallingBack])).toEqual([
      ['a', false, true],
      ['b', true, false],
    ]);

    const c = scriptedProvider(
      [{ kind: 'stream', events: [{ type: 'text-delta', delta: 'x' }], error: new NetworkError({ message: 'cut' }) }],
      'c',
    );
    const d = scriptedProvider([{ kind: 'stream', events: streamEvents('d') }], 'd');
    await expect(fallback([c.provider, d.provider]).streamChat(request).response).rejects.toBeInstanceOf(NetworkError);
    expect(d.calls).toHaveLength(0);
  });
});
