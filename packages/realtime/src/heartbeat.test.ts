import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat.js';

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every interval and stays quiet while pongs come back', () => {
    const ping = vi.fn();
    const dead = vi.fn();
    const heartbeat = new Heartbeat({ intervalMs: 1000, timeoutMs: 300 }, ping, dead);
    heartbeat.start();
    for (let cycle = 0; cycle < 5; cycle++) {
      vi.advanceTimersByTime(1000);
      heartbeat.noteActivity();
    }
    vi.advanceTimersByTime(300);
    expect(ping).toHaveBeenCalledTimes(5);
    expect(dead).not.toHaveBeenCalled();
    heartbeat.stop();
    expect(heartbeat.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('declares the socket dead within interval + timeout of the last sign of life', () => {
    const dead = vi.fn();
    const heartbeat = new Heartbeat({ intervalMs: 1000, timeoutMs: 300 }, () => {}, dead);
    heartbeat.start();
    vi.advanceTimersByTime(1299);
    expect(dead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(dead).toHaveBeenCalledWith(1300);
    expect(heartbeat.running).toBe(false);
  });

  it('counts any frame as a sign of life', () => {
    const dead = vi.fn();
    const heartbeat = new Heartbeat({ intervalMs: 100, timeoutMs: 50 }, () => {}, dead);
    heartbeat.start();
    vi.advanceTimersByTime(120);
    heartbeat.noteActivity();
    vi.advanceTimersByTime(200);
    expect(dead).toHaveBeenCalledOnce();
    heartbeat.start();
    expect(heartbeat.running).toBe(true);
    heartbeat.stop();
  });
});
