import { AbortedError, ConfigError, RateLimitError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createBulkhead } from './bulkhead.js';

describe('createBulkhead', () => {
  it('caps concurrent calls and hands slots to the queue in order', async () => {
    const bulkhead = createBulkhead({ maxConcurrent: 2, maxQueue: 2 });
    const a = await bulkhead.acquire();
    const b = await bulkhead.acquire();
    const order: string[] = [];
    const c = bulkhead.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = bulkhead.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(bulkhead).toMatchObject({ running: 2, queued: 2 });
    const full = await bulkhead.acquire().catch((e: unknown) => e);
    expect(full).toBeInstanceOf(RateLimitError);
    expect(full).toMatchObject({ source: 'resilience', retryable: false });
    a();
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(bulkhead).toMatchObject({ running: 0, queued: 0 });
  });

  it('lets a queued caller leave at once when its signal aborts, and the slot goes to the next', async () => {
    const bulkhead = createBulkhead({ maxConcurrent: 1, maxQueue: 5 });
    const first = await bulkhead.acquire();
    const controller = new AbortController();
    const leaving = bulkhead.acquire(controller.signal);
    const staying = bulkhead.acquire();
    controller.abort();
    await expect(leaving).rejects.toBeInstanceOf(AbortedError);
    expect(bulkhead.queued).toBe(1);
    first();
    const release = await staying;
    expect(bulkhead.running).toBe(1);
    release();
    await expect(bulkhead.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError);
  });

  it('has no queue by default and accepts an unbounded one', async () => {
    const strict = createBulkhead({ maxConcurrent: 1 });
    await strict.acquire();
    await expect(strict.acquire()).rejects.toBeInstanceOf(RateLimitError);
    const open = createBulkhead({ maxConcurrent: 1, maxQueue: Number.POSITIVE_INFINITY });
    await open.acquire();
    for (let i = 0; i < 100; i++) void open.acquire();
    expect(open.queued).toBe(100);
  });

  it('names bad values', () => {
    expect(() => createBulkhead({ maxConcurrent: 0 })).toThrow(ConfigError);
    expect(() => createBulkhead({ maxConcurrent: 1, maxQueue: 1.5 })).toThrow(/bulkhead.maxQueue/);
  });
});
