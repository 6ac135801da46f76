import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentText } from './split-points.js';

function segments(text: string, newlineRule = true, chunkChars = 40, gapChars = 16) {
  const found: [kind: 'plain' | 'long', start: number, end: number][] = [];
  segmentText(
    text,
    { newlineRule, chunkChars, gapChars },
    {
      plain: (start, end) => found.push(['plain', start, end]),
      long: (start, end) => found.push(['long', start, end]),
    },
  );
  return found;
}

describe('segmentText', () => {
  it('covers the text with contiguous pieces; long ones exceed the gap (property)', () => {
    const alphabet = fc.constantFrom('a', 'Z', ' ', '  ', '\n', '\t', '7', "'", '/', '.', '中', '。', '😀', '\u00a0');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), fc.boolean(), (parts, newlineRule) => {
        const text = parts.join('');
        const found = segments(text, newlineRule);
        let position = 0;
        for (const [kind, start, end] of found) {
          expect(start).toBe(position);
          expect(end).toBeGreaterThan(start);
          if (kind === 'long') expect(end - start).toBeGreaterThan(16);
          position = end;
        }
        expect(position).toBe(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps short texts whole and cuts long ones at about chunkChars', () => {
    expect(segments('short text')).toEqual([['plain', 0, 10]]);
    expect(segments('')).toEqual([]);
    const prose = 'word '.repeat(40);
    const found = segments(prose);
    expect(found.length).toBeGreaterThan(3);
    for (const [kind, start, end] of found.slice(0, -1)) {
      expect(kind).toBe('plain');
      expect(end - start).toBeGreaterThanOrEqual(40);
      expect(prose[end]).toBe(' ');
    }
  });

  it('reports stretches without split points as long', () => {
    expect(segments(`ab ${'x'.repeat(100)} cd`)).toEqual([
      ['plain', 0, 2],
      ['long', 2, 103],
      ['plain', 103, 106],
    ]);
    expect(segments(' '.repeat(50))).toEqual([['long', 0, 50]]);
  });

  it('finds split points without spaces: letters, digits and punctuation, CJK, newlines', () => {
    const json = '{"key":"value","n":123,"list":[1,2,3],"nested":{"a":"b"}}';
    expect(segments(json).every(([kind]) => kind === 'plain')).toBe(true);
    const chinese = '机器学习是人工智能的一个分支。它使计算机能够从数据中学习，而无需明确编程。';
    expect(segments(chinese).every(([kind]) => kind === 'plain')).toBe(true);
    const lines = 'x\ny\nz\n'.repeat(20);
    expect(segments(lines, true).every(([kind]) => kind === 'plain')).toBe(true);
    // r50k and p50k have no newline rule: the same lines form one long stretch.
    expect(segments(lines, false)).toEqual([['long', 0, lines.length]]);
  });
});
