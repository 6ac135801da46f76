import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEARTBEAT, DEFAULT_MAX_QUEUE_BYTES, DEFAULT_RECONNECT, resolveOptions } from './options.js';

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveOptions({ model: 'gpt-realtime' });
    expect(resolved).toMatchObject({
      model: 'gpt-realtime',
      connectTimeoutMs: 10_000,
      reconnect: DEFAULT_RECONNECT,
      heartbeat: DEFAULT_HEARTBEAT,
      maxQueueBytes: DEFAULT_MAX_QUEUE_BYTES,
      tools: {},
    });
  });

  it('turns reconnection and heartbeats off, and merges partial settings', () => {
    expect(resolveOptions({ model: 'm', reconnect: false, heartbeat: false })).toMatchObject({
      reconnect: undefined,
      heartbeat: undefined,
    });
    expect(resolveOptions({ model: 'm', reconnect: { maxAttempts: 2 }, heartbeat: { timeoutMs: 5 } })).toMatchObject({
      reconnect: { ...DEFAULT_RECONNECT, maxAttempts: 2 },
      heartbeat: { intervalMs: DEFAULT_HEARTBEAT.intervalMs, timeoutMs: 5 },
    });
  });

  it('names every problem at once', () => {
    const attempt = () =>
      resolveOptions({
        model: '',
        connectTimeoutMs: -1,
        reconnect: { maxAttempts: 0 },
        maxQueueBytes: 1.5,
        transport: 'tcp' as never,
        tools: { 'bad name': { execute: () => 1 } },
        extra: true,
      } as never);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const paths = (error as ConfigError).issues.map((issue) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'connectRealtime.model',
          'connectRealtime.connectTimeoutMs',
          'connectRealtime.reconnect.maxAttempts',
          'connectRealtime.maxQueueBytes',
          'connectRealtime.transport',
          'connectRealtime.tools.bad name',
          'connectRealtime.extra',
        ]),
      );
    }
  });

  it('rethrows listener errors asynchronously by default', async () => {
    const { onListenerError } = resolveOptions({ model: 'm' });
    const caught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    onListenerError(new Error('listener failed'));
    expect(((await caught) as Error).message).toBe('listener failed');
  });
});
