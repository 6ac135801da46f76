import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatStreamPart } from '../types/stream-events.js';
import { ChatStream } from './chat-stream.js';

type Step = { at: number; part: ChatStreamPart };

/** A source that yields each part at its time (fake timers), then finishes. */
function timedSource(steps: Step[]) {
  return async function* (signal: AbortSignal): AsyncGenerator<ChatStreamPart> {
    let now = 0;
    for (const step of steps) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, step.at - now);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
      now = step.at;
      yield step.part;
    }
  };
}

const finish: ChatStreamPart = { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' };

async function outcome(stream: ChatStream): Promise<unknown> {
  const settled = stream.response.then(
    (response) => ({ ok: true, text: response.text }),
    (error: unknown) => ({ ok: false, error }),
  );
  await vi.runAllTimersAsync();
  return settled;
}

describe('stream timeouts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets the first-token timeout govern until the first output, even when it is longer than idle', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 0, part: { type: 'start' } },
        { at: 600, part: { type: 'text-delta', delta: 'late' } },
        { at: 700, part: { type: 'text-delta', delta: ' but fine' } },
        { at: 750, part: finish },
      ]),
      { firstTokenTimeoutMs: 1_000, idleTimeoutMs: 300 },
    );
    expect(await outcome(stream)).toEqual({ ok: true, text: 'late but fine' });
  });

  it('fails as first-token when no output arrives in time, whatever the preamble does', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 0, part: { type: 'start' } },
        { at: 200, part: { type: 'provider-metadata', providerMetadata: { azure: {} } } },
        { at: 1_500, part: { type: 'text-delta', delta: 'too late' } },
      ]),
      { firstTokenTimeoutMs: 1_000, idleTimeoutMs: 300 },
    );
    expect(await outcome(stream)).toMatchObject({ ok: false, error: { phase: 'first-token', timeoutMs: 1_000 } });
  });

  it('runs the idle timeout only between output events', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 100, part: { type: 'text-delta', delta: 'a' } },
        { at: 300, part: { type: 'text-delta', delta: 'b' } },
        { at: 800, part: { type: 'text-delta', delta: 'c' } },
      ]),
      { firstTokenTimeoutMs: 1_000, idleTimeoutMs: 300 },
    );
    expect(await outcome(stream)).toMatchObject({ ok: false, error: { phase: 'idle', timeoutMs: 300 } });
  });

  it('ignores keep-alive parts for the idle timer by default', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 0, part: { type: 'text-delta', delta: 'a' } },
        { at: 200, part: { type: 'keep-alive' } },
        { at: 400, part: { type: 'keep-alive' } },
        { at: 500, part: finish },
      ]),
      { idleTimeoutMs: 300 },
    );
    expect(await outcome(stream)).toMatchObject({ ok: false, error: { phase: 'idle' } });
  });

  it('lets keep-alive parts restart the idle timer when keepAliveResetsIdle is set', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 0, part: { type: 'text-delta', delta: 'a' } },
        { at: 200, part: { type: 'keep-alive' } },
        { at: 400, part: { type: 'keep-alive' } },
        { at: 500, part: finish },
      ]),
      { idleTimeoutMs: 300, keepAliveResetsIdle: true },
    );
    expect(await outcome(stream)).toEqual({ ok: true, text: 'a' });
  });

  it('clears its timers when the stream ends', async () => {
    const stream = new ChatStream(
      timedSource([
        { at: 10, part: { type: 'text-delta', delta: 'a' } },
        { at: 20, part: finish },
      ]),
      {
        firstTokenTimeoutMs: 1_000,
        idleTimeoutMs: 300,
      },
    );
    expect(await outcome(stream)).toEqual({ ok: true, text: 'a' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
