import { AbortedError } from '@switchboard/core';
import { describe, expect, it, vi } from 'vitest';
import { ReplayChannel } from '../internal/replay-channel.js';
import { RealtimeReply, ReplySink } from './realtime-reply.js';
import { ResponseTracker } from './response-tracker.js';

describe('RealtimeReply', () => {
  it('is awaitable, streams text and audio from the start, and settles once', async () => {
    const settled = vi.fn();
    const sink = new ReplySink(settled);
    const cancel = vi.fn();
    const reply = new RealtimeReply(sink, cancel);
    sink.text.push('Hel');
    sink.audio.push(Buffer.from([1, 0, 2, 0]).toString('base64'));
    sink.text.push('lo');
    sink.audio.push(Buffer.from([3, 0]).toString('base64'));
    sink.complete({ id: 'r1', status: 'completed' });
    sink.complete({ id: 'r2' });
    sink.fail(new Error('late'));
    expect(await reply).toBe('Hello');
    const chunks: number[] = [];
    for await (const chunk of reply.audioStream) chunks.push(chunk.byteLength);
    expect(chunks).toEqual([4, 2]);
    expect([...(await reply.audio)]).toEqual([1, 0, 2, 0, 3, 0]);
    expect(reply.audio).toBe(reply.audio);
    expect(await reply.done).toMatchObject({ responseId: 'r1', status: 'completed', usage: undefined });
    reply.cancel();
    expect(cancel).not.toHaveBeenCalled();
    expect(settled).toHaveBeenCalledOnce();
    const late: string[] = [];
    for await (const delta of reply.textStream) late.push(delta);
    expect(late).toEqual(['Hel', 'lo']);
  });

  it('defaults the status and rejects every view when it fails', async () => {
    const sink = new ReplySink(() => {});
    const reply = new RealtimeReply(sink, () => {});
    sink.complete({ id: 'r' });
    expect((await reply.done).status).toBe('completed');
    const failing = new ReplySink(() => {});
    const failed = new RealtimeReply(failing, () => {});
    failing.fail(new Error('x'));
    await expect(failed.then()).rejects.toThrow('x');
    await expect(failed.audio).rejects.toThrow('x');
  });

  it('cancels and rejects with AbortedError when its signal aborts, and not after it settled', async () => {
    const controller = new AbortController();
    const sink = new ReplySink(() => {});
    const cancel = vi.fn();
    const reply = new RealtimeReply(sink, cancel, controller.signal);
    controller.abort('stop');
    await expect(reply.text).rejects.toBeInstanceOf(AbortedError);
    expect(cancel).toHaveBeenCalledOnce();
    const later = new AbortController();
    const done = new ReplySink(() => {});
    const cancel2 = vi.fn();
    new RealtimeReply(done, cancel2, later.signal);
    done.complete({ id: 'r' });
    await done.result;
    later.abort();
    expect(cancel2).not.toHaveBeenCalled();
  });
});

describe('ReplayChannel', () => {
  it('ignores values after the end and a second ending', async () => {
    const channel = new ReplayChannel<number>();
    const reader = channel.read();
    const first = reader.next();
    channel.push(1);
    expect(await first).toEqual({ value: 1, done: false });
    channel.end();
    channel.push(2);
    channel.fail(new Error('ignored'));
    expect(await reader.next()).toEqual({ value: undefined, done: true });
    expect(channel.items).toEqual([1]);
  });
});

describe('ResponseTracker', () => {
  it('forgets settled replies, keeps requests still queued on a drop and ignores errors about nothing', () => {
    const tracker = new ResponseTracker();
    const sink = new ReplySink(tracker.forget);
    tracker.register(sink, 'req_1', 'evt_1');
    const other = new ReplySink(tracker.forget);
    tracker.register(other, 'req_2', 'evt_2');
    expect(tracker.created({ id: 'resp_1', metadata: { switchboard_request_id: 'req_1' } })).toBe(sink);
    expect(tracker.created({ id: 'resp_x', metadata: null })).toBeUndefined();
    expect(tracker.activeCount).toBe(2);
    sink.complete({ id: 'resp_1' });
    expect(tracker.sinkFor('resp_1')).toBeUndefined();
    expect(tracker.errorFor({ type: 'server_error', message: 'x', event_id: null })).toBeUndefined();
    expect(tracker.errorFor({ type: 'server_error', message: 'x', event_id: 'evt_2' })).toBe(other);
    const interrupted = tracker.interrupt((eventId) => eventId === 'evt_2');
    expect(interrupted).toEqual([{ responseId: 'resp_1' }, { responseId: 'resp_x' }]);
    expect(tracker.liveCount).toBe(1);
    other.fail(new Error('gone'));
    expect(tracker.liveCount).toBe(0);
    expect(tracker.interrupt(() => false)).toEqual([]);
  });
});
