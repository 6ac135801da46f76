import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialJson } from './parse-partial-json.js';

/** True when `partial` could grow into `final`: strings are prefixes, containers hold partials of a prefix. */
function isDeepPartial(partial: unknown, final: unknown): boolean {
  if (partial === undefined) return true;
  if (typeof partial === 'string') return typeof final === 'string' && final.startsWith(partial);
  if (Array.isArray(partial)) {
    if (!Array.isArray(final) || partial.length > final.length) return false;
    return partial.every((item, index) => isDeepPartial(item, final[index]));
  }
  if (partial !== null && typeof partial === 'object') {
    if (final === null || typeof final !== 'object' || Array.isArray(final)) return false;
    return Object.keys(partial).every(
      (key) => Object.hasOwn(final, key) && isDeepPartial((partial as never)[key], (final as never)[key]),
    );
  }
  return Object.is(partial, final) || (partial === 0 && final === 0);
}

describe('parsePartialJson', () => {
  it('keeps what a prefix fixes and leaves out what may still change', () => {
    expect(parsePartialJson('')).toBeUndefined();
    expect(parsePartialJson('  ')).toBeUndefined();
    expect(parsePartialJson('{')).toEqual({});
    expect(parsePartialJson('{"na')).toEqual({});
    expect(parsePartialJson('{"name"')).toEqual({});
    expect(parsePartialJson('{"name":')).toEqual({});
    expect(parsePartialJson('{"name": "Ad')).toEqual({ name: 'Ad' });
    expect(parsePartialJson('{"name": "Ada", "age": 3')).toEqual({ name: 'Ada' });
    expect(parsePartialJson('{"name": "Ada", "age": 36,')).toEqual({ name: 'Ada', age: 36 });
    expect(parsePartialJson('{"ok": tr')).toEqual({});
    expect(parsePartialJson('{"ok": true')).toEqual({ ok: true });
    expect(parsePartialJson('{"n": null, "f": false}')).toEqual({ n: null, f: false });
    expect(parsePartialJson('[1, 2, [3, {"a": [')).toEqual([1, 2, [3, { a: [] }]]);
    expect(parsePartialJson('[1, 2')).toEqual([1]);
    expect(parsePartialJson('12')).toBeUndefined();
    expect(parsePartialJson('12 ')).toBe(12);
    expect(parsePartialJson('"abc')).toBe('abc');
  });

  it('decodes escapes and drops one that is cut in half', () => {
    expect(parsePartialJson('"a\\n\\"b\\u00e9\\/\\\\')).toBe('a\n"bé/\\');
    expect(parsePartialJson('"ab\\')).toBe('ab');
    expect(parsePartialJson('"ab\\u00')).toBe('ab');
    expect(parsePartialJson('["x\\t", "\\b\\f\\r"]')).toEqual(['x\t', '\b\f\r']);
  });

  it('returns undefined for text that is not JSON', () => {
    for (const text of ['{a', '{"a" 1}', '[1 2]', 'nope', '"\\x"', '"\\u12zz"', '01 ', '1.,', '{"a":1]', '"a\nb"']) {
      expect(parsePartialJson(text), text).toBeUndefined();
    }
  });

  it('makes a __proto__ key an own property, as JSON.parse does', () => {
    const parsed = parsePartialJson('{"__proto__": {"polluted": true}, "b": 1}') as Record<string, unknown>;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('parses every prefix of a valid document to a deep-partial of its value, and the whole to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const final = JSON.parse(text) as unknown;
        for (let end = 0; end <= text.length; end++) {
          const partial = parsePartialJson(text.slice(0, end));
          if (!isDeepPartial(partial, final)) return false;
        }
        const whole = parsePartialJson(text);
        return typeof final === 'number'
          ? whole === undefined
          : isDeepPartial(final, whole) && isDeepPartial(whole, final);
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });

  it('grows monotonically: each prefix result is a deep-partial of the next', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value);
        let previous: unknown;
        for (let end = 0; end <= text.length; end++) {
          const partial = parsePartialJson(text.slice(0, end));
          if (partial !== undefined && !isDeepPartial(previous, partial)) return false;
          if (partial !== undefined) previous = partial;
        }
        return true;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
