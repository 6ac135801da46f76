import { describe, expect, it } from 'vitest';
import { isOneShot } from './is-one-shot.js';

describe('isOneShot', () => {
  it('tells generators from re-iterable inputs', async () => {
    function* sync() {
      yield 1;
    }
    async function* asynchronous() {
      yield 1;
    }
    expect(isOneShot([1])).toBe(false);
    expect(isOneShot(new Set([1]))).toBe(false);
    expect(isOneShot({ [Symbol.asyncIterator]: asynchronous })).toBe(false);
    expect(isOneShot(sync())).toBe(true);
    expect(isOneShot(asynchronous())).toBe(true);
  });
});
