import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './parse-duration.js';

describe('parseDurationMs', () => {
  it.each([
    ['6m0s', 360_000],
    ['1s', 1_000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['1m30s500ms', 90_500],
    ['2', 2_000],
    ['1.5', 1_500],
    ['1500us', 2],
    ['7ns', 0],
    [' 3s ', 3_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['-1', '', '   ', 'abc', '5x', '1s2', 'ms', '-5s'])('%j is unknown', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });

  it('treats a missing header as unknown', () => {
    expect(parseDurationMs(null)).toBeUndefined();
    expect(parseDurationMs(undefined)).toBeUndefined();
  });
});
