import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { linkSignals, onAbort } from './link-signals.js';

/** The `abort` listeners a signal holds right now (Node's own count, which sees `once` removals too). */
function countListeners(signal: AbortSignal): { readonly count: number } {
  return {
    get count() {
      return getEventListeners(signal, 'abort').length;
    },
  };
}

describe('onAbort and linkSignals', () => {
  it('keeps one listener for 1,000 links to one signal, and none once they are disposed', () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      const listeners = countListeners(shared.signal);
      const links = Array.from({ length: 1_000 }, () => linkSignals(shared.signal));
      expect(listeners.count).toBe(1);
      for (const link of links) link.dispose();
      expect(listeners.count).toBe(0);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('aborts every link with the shared reason and lets go of the signal', () => {
    const shared = new AbortController();
    const listeners = countListeners(shared.signal);
    const links = Array.from({ length: 50 }, () => linkSignals(shared.signal, undefined));
    const reason = new Error('stop');
    shared.abort(reason);
    expect(links.every((link) => link.signal.reason === reason)).toBe(true);
    expect(listeners.count).toBe(0);
  });

  it('links an already aborted signal at once', () => {
    const link = linkSignals(AbortSignal.abort('gone'));
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('gone');
    const callback = vi.fn();
    onAbort(AbortSignal.abort('x'), callback)();
    expect(callback).toHaveBeenCalledWith('x');
  });

  it('aborts itself without touching the linked signals, and unsubscribes on its own abort', () => {
    const shared = new AbortController();
    const listeners = countListeners(shared.signal);
    const link = linkSignals(shared.signal);
    link.abort('own');
    expect(link.signal.reason).toBe('own');
    expect(shared.signal.aborted).toBe(false);
    expect(listeners.count).toBe(0);
  });

  it('removes each subscription once, even for the same callback twice', () => {
    const shared = new AbortController();
    const listeners = countListeners(shared.signal);
    const callback = vi.fn();
    const first = onAbort(shared.signal, callback);
    const second = onAbort(shared.signal, callback);
    first();
    first();
    expect(listeners.count).toBe(1);
    shared.abort();
    expect(callback).toHaveBeenCalledTimes(1);
    second();
    expect(listeners.count).toBe(0);
  });
});
