import type { ChatStreamEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { scriptedProvider } from '../../test/support/scripted-provider.js';
import { withResilience } from '../with-resilience.js';

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

/** Output once, then only keep-alive lines (100 ms apart) for a second, then the finish. */
const keepAliveStream: ChatStreamEvent[] = [
  { type: 'start' },
  { type: 'text-delta', delta: 'thinking' },
  ...Array.from({ length: 10 }, () => ({ type: 'keep-alive' }) as unknown as ChatStreamEvent),
  { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
];

describe('stream timeouts per attempt', () => {
  it('does not let keep-alive lines restart the idle timer by default', async () => {
    const { provider } = scriptedProvider([{ kind: 'stream', events: keepAliveStream, gapMs: 100 }]);
    const stream = withResilience(provider, { retry: false, timeouts: { idleMs: 500 } }).streamChat(request);
    await expect(stream.response).rejects.toMatchObject({ code: 'timeout', phase: 'idle', timeoutMs: 500 });
  });

  it('lets keep-alive lines restart the idle timer with keepAliveResetsIdle, and never shows them', async () => {
    const { provider } = scriptedProvider([{ kind: 'stream', events: keepAliveStream, gapMs: 100 }]);
    const stream = withResilience(provider, {
      retry: false,
      timeouts: { idleMs: 500, keepAliveResetsIdle: true },
    }).streamChat(request);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(['start', 'text-delta', 'finish']);
  });

  it('rejects a keepAliveResetsIdle that is not a boolean, with the other problems', () => {
    const { provider } = scriptedProvider([{ kind: 'ok' }]);
    expect(() =>
      withResilience(provider, { timeouts: { idleMs: -1, keepAliveResetsIdle: 'yes' as unknown as boolean } }),
    ).toThrow(
      /timeouts\.idleMs[\s\S]*timeouts\.keepAliveResetsIdle|timeouts\.keepAliveResetsIdle[\s\S]*timeouts\.idleMs/,
    );
  });
});
