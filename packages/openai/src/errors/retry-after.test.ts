import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after.js';

const now = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '1500.5', 'retry-after': '9' }), now)).toBe(1500.5);
  });

  it('reads retry-after in seconds', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '20' }), now)).toBe(20_000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': 'soon', 'retry-after': '2' }), now)).toBe(2_000);
  });

  it('reads retry-after as an HTTP date, a past one as 0', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
  });

  it('is undefined when nothing usable is there', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'later' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '-3' }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
