import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenIds } from './seen-ids.js';

describe('SeenIds', () => {
  it('says new for 200,000 distinct ids and maybe for each of them again', () => {
    const seen = new SeenIds();
    let fresh = 0;
    for (let i = 0; i < 200_000; i++) if (seen.add(`req-${i}`) === 'new') fresh += 1;
    expect(fresh).toBe(200_000);
    expect(seen.size).toBe(200_000);
    let repeats = 0;
    for (let i = 0; i < 200_000; i += 997) if (seen.add(`req-${i}`) === 'maybe') repeats += 1;
    expect(repeats).toBe(Math.ceil(200_000 / 997));
    expect(seen.size).toBe(200_000);
  });

  it('never misses a repeated id, whatever the ids (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 300 }), (ids) => {
        const seen = new SeenIds();
        const exact = new Set<string>();
        for (const id of ids) {
          const answer = seen.add(id);
          // A repeat is always caught; a first sighting may only be 'maybe' on a 64-bit collision.
          if (exact.has(id)) expect(answer).toBe('maybe');
          exact.add(id);
        }
        expect(seen.size).toBeLessThanOrEqual(exact.size);
      }),
      { seed: 20_261_205, numRuns: 200 },
    );
  });

  it('tells apart the empty id, one code unit and ids that differ only in order', () => {
    const seen = new SeenIds();
    for (const id of ['', 'a', 'b', 'ab', 'ba', 'aa', '\u0000', '\uffff']) expect(seen.add(id)).toBe('new');
  });
});
