import { AbortedError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('waits, and rejects at once on abort', async () => {
    await sleep(1);
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await expect(sleep(1, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
  });
});
