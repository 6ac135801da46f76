import { afterEach, describe, expect, it, vi } from 'vitest';
import { processIO } from './demo-io.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('processIO', () => {
  it('is the process: its streams, environment, SIGINT and exit', () => {
    const io = processIO();
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.stdin).toBe(process.stdin);
    expect(io.env).toBe(process.env);
    const before = process.listenerCount('SIGINT');
    const listener = vi.fn();
    const off = io.onInterrupt(listener);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    off();
    expect(process.listenerCount('SIGINT')).toBe(before);
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    io.forceExit(130);
    expect(exit).toHaveBeenCalledWith(130);
  });
});
