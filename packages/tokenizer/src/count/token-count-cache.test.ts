import { describe, expect, it, vi } from 'vitest';
import { TokenCountCache } from './token-count-cache.js';

describe('TokenCountCache', () => {
  it('computes once per text', () => {
    const cache = new TokenCountCache();
    const compute = vi.fn((text: string) => text.length);
    expect(cache.get('hello', compute)).toBe(5);
    expect(cache.get('hello', compute)).toBe(5);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used text beyond maxEntries', () => {
    const cache = new TokenCountCache({ maxEntries: 2 });
    const compute = vi.fn((text: string) => text.length);
    cache.get('a', compute);
    cache.get('bb', compute);
    cache.get('a', compute); // a is now the most recent
    cache.get('ccc', compute); // evicts bb
    expect(cache.size).toBe(2);
    compute.mockClear();
    cache.get('a', compute);
    expect(compute).not.toHaveBeenCalled();
    cache.get('bb', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps the total characters under maxChars and never caches a text longer than that', () => {
    const cache = new TokenCountCache({ maxChars: 10 });
    const compute = vi.fn((text: string) => text.length);
    cache.get('x'.repeat(6), compute);
    cache.get('y'.repeat(6), compute);
    expect(cache.size).toBe(1);
    cache.get('z'.repeat(11), compute);
    cache.get('z'.repeat(11), compute);
    expect(compute).toHaveBeenCalledTimes(4);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('can be disabled with maxEntries 0', () => {
    const cache = new TokenCountCache({ maxEntries: 0 });
    const compute = vi.fn(() => 1);
    cache.get('a', compute);
    cache.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('TokenCountCache (large)', () => {
  it('evicts the least recently used eighth at once and keeps every recently used text', () => {
    const cache = new TokenCountCache({ maxEntries: 64 });
    const compute = vi.fn((text: string) => text.length);
    for (let index = 0; index < 64; index++) cache.get(`t${index}`, compute);
    for (let index = 0; index < 8; index++) cache.get(`t${index}`, compute); // t0..t7 become the most recent
    cache.get('new', compute);
    expect(cache.size).toBe(56);
    compute.mockClear();
    for (let index = 0; index < 8; index++) cache.get(`t${index}`, compute);
    cache.get('new', compute);
    expect(compute).not.toHaveBeenCalled();
    cache.get('t8', compute); // among the oldest, so evicted
    expect(compute).toHaveBeenCalledTimes(1);
  });
});
