import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkSignal } from './link-signal.js';

describe('linkSignal', () => {
  it('follows the caller and lets go of it when disposed', () => {
    const parent = new AbortController();
    const linked = linkSignal(parent.signal);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    linked.dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    parent.abort();
    expect(linked.signal?.aborted).toBe(false);
  });

  it('aborts with the caller reason', () => {
    const parent = new AbortController();
    const linked = linkSignal(parent.signal);
    parent.abort('why');
    expect(linked.signal?.aborted).toBe(true);
    expect(linked.signal?.reason).toBe('why');
  });

  it('starts aborted when the caller already is, and is absent without a caller signal', () => {
    const linked = linkSignal(AbortSignal.abort('early'));
    expect(linked.signal?.reason).toBe('early');
    linked.dispose();
    expect(linkSignal(undefined).signal).toBeUndefined();
    linkSignal(undefined).dispose();
  });
});
