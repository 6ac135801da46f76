import { describe, expect, it } from 'vitest';
import { describeCloseCode, isReconnectableClose } from './close-codes.js';

describe('close codes', () => {
  it('reconnects after 1001, 1005, 1006, 1011, 1012 and 1013 only', () => {
    const reconnect = [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1011, 1012, 1013, 1014, 4000].filter(
      isReconnectableClose,
    );
    expect(reconnect).toEqual([1001, 1005, 1006, 1011, 1012, 1013]);
  });

  it('names codes for messages', () => {
    expect(describeCloseCode(1006)).toBe('1006 (abnormal closure)');
    expect(describeCloseCode(4001)).toBe('4001 (application code)');
    expect(describeCloseCode(1999)).toBe('1999 (unknown code)');
  });
});
