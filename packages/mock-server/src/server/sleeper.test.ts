import { describe, expect, it } from 'vitest';
import { Sleeper } from './sleeper.js';

describe('Sleeper', () => {
  it('sleeps, resolves pending sleeps on close, and does not wait once closed', async () => {
    const sleeper = new Sleeper();
    await sleeper.sleep(0);
    const started = Date.now();
    await sleeper.sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const pending = sleeper.sleep(60_000);
    sleeper.close();
    await pending;
    expect(sleeper.closed).toBe(true);
    await sleeper.sleep(60_000);
  });
});
