import { describe, expect, it } from 'vitest';
import { WakeSignal } from './wake-signal.js';

describe('WakeSignal', () => {
  it('keeps a notification that comes before the wait', async () => {
    const wake = new WakeSignal();
    wake.notify();
    await wake.wait();
    let woken = false;
    const waiting = wake.wait().then(() => {
      woken = true;
    });
    await Promise.resolve();
    expect(woken).toBe(false);
    wake.notify();
    await waiting;
    expect(woken).toBe(true);
  });
});
