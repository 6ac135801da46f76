import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderingBuffer } from './ordering-buffer.js';

describe('OrderingBuffer', () => {
  it('releases at once in completion order', () => {
    const buffer = new OrderingBuffer<string>('completion');
    buffer.push(2, 'c');
    buffer.skip(0);
    buffer.push(1, 'b');
    expect(buffer.readyCount).toBe(2);
    expect(buffer.take()).toEqual(['c', 'b']);
    expect(buffer.take()).toEqual([]);
  });

  it('holds results back until every earlier one is in, in input order', () => {
    const buffer = new OrderingBuffer<string>('input');
    buffer.push(2, 'c');
    buffer.push(1, 'b');
    expect(buffer.take()).toEqual([]);
    expect(buffer.heldBack).toBe(2);
    buffer.skip(0);
    expect(buffer.take()).toEqual(['b', 'c']);
    expect(buffer.released).toBe(3);
    buffer.skip(4);
    buffer.push(3, 'd');
    expect(buffer.take()).toEqual(['d']);
    expect(buffer.released).toBe(5);
  });

  it('delivers any completion order as the input order (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 60 })
          .chain((n) =>
            fc.tuple(
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
              fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            ),
          ),
        ([order, skipped]) => {
          const buffer = new OrderingBuffer<number>('input');
          const out: number[] = [];
          for (const index of order) {
            if (skipped[index]) buffer.skip(index);
            else buffer.push(index, index);
            out.push(...buffer.take());
          }
          const expected = [...order.keys()].filter((i) => !skipped[i]);
          expect(out).toEqual(expected);
          expect(buffer.heldBack).toBe(0);
        },
      ),
    );
  });
});
