import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { malformJson } from './malform-json.js';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('malformJson', () => {
  it('is deterministic for a body and seed, and differs by seed', () => {
    const body = JSON.stringify({ id: 'chatcmpl-1', choices: [{ message: { content: 'hello there, harbour' } }] });
    expect(malformJson(body, 3)).toBe(malformJson(body, 3));
    const cuts = new Set(Array.from({ length: 20 }, (_, seed) => malformJson(body, seed)));
    expect(cuts.size).toBeGreaterThan(1);
  });

  it('never returns valid JSON, whatever the body (scalars, short texts, nested values)', () => {
    for (const body of ['1', '12', '"a"', 'true', 'null', '[]', '{}', '[1,2]', '123456789', '""']) {
      for (let seed = 0; seed < 50; seed++) expect(parses(malformJson(body, seed))).toBe(false);
    }
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => !parses(malformJson(JSON.stringify(value), seed))),
      { numRuns: 500, seed: 21 },
    );
  });
});
