import { describe, expect, it } from 'vitest';
import { sampleFromSchema } from './schema-sample.js';

describe('sampleFromSchema', () => {
  it('fills objects, arrays, enums, consts, numbers and formats within their bounds', () => {
    const value = sampleFromSchema(
      {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 12, maxLength: 14 },
          short: { type: 'string', maxLength: 2 },
          when: { type: 'string', format: 'date-time' },
          day: { type: 'string', format: 'date' },
          mail: { type: 'string', format: 'email' },
          site: { type: 'string', format: 'uri' },
          count: { type: 'integer', minimum: 3, maximum: 4 },
          ratio: { type: 'number', minimum: 0.5, maximum: 0.75 },
          flag: { type: 'boolean' },
          nothing: { type: 'null' },
          kind: { enum: ['a', 'b'] },
          fixed: { const: 42 },
          list: { type: 'array', items: { type: 'integer' }, minItems: 3, maxItems: 3 },
          maybe: { type: ['string', 'null'] },
          either: { oneOf: [{ type: 'null' }, { type: 'number' }] },
          all: { allOf: [{ type: 'boolean' }] },
          loose: {},
          implied: { properties: { inner: { type: 'string' } } },
        },
      },
      1,
    ) as Record<string, unknown>;
    expect((value.name as string).length).toBeGreaterThanOrEqual(12);
    expect((value.short as string).length).toBeLessThanOrEqual(2);
    expect(value.when).toBe('2024-01-01T00:00:00Z');
    expect(value.day).toBe('2024-01-01');
    expect(value.mail).toContain('@');
    expect(value.site).toMatch(/^https:/);
    expect([3, 4]).toContain(value.count);
    expect(value.ratio).toBeGreaterThanOrEqual(0.5);
    expect(value.ratio).toBeLessThanOrEqual(0.75);
    expect(typeof value.flag).toBe('boolean');
    expect(value.nothing).toBeNull();
    expect(['a', 'b']).toContain(value.kind);
    expect(value.fixed).toBe(42);
    expect(value.list).toHaveLength(3);
    expect(typeof value.maybe).toBe('string');
    expect(typeof value.either).toBe('number');
    expect(typeof value.all).toBe('boolean');
    expect(typeof value.loose).toBe('string');
    expect(value.implied).toEqual({ inner: expect.any(String) });
  });

  it('follows local $refs, stops runaway recursion, and is deterministic per seed', () => {
    const schema = {
      type: 'object',
      properties: {
        node: { $ref: '#/$defs/node' },
        remote: { $ref: 'https://example.com/x' },
        broken: { $ref: '#/$defs/missing/deeper' },
      },
      $defs: { node: { type: 'object', properties: { value: { type: 'integer' }, child: { $ref: '#/$defs/node' } } } },
    };
    const first = sampleFromSchema(schema, 7);
    expect(first).toEqual(sampleFromSchema(schema, 7));
    expect(JSON.stringify(first).length).toBeLessThan(2_000);
    expect(sampleFromSchema(null, 1)).toEqual(expect.any(String));
    expect(sampleFromSchema({ type: 'array', items: { type: 'array', items: { type: 'array' } } }, 1)).toEqual(
      expect.any(Array),
    );
    expect(sampleFromSchema({ anyOf: [{ type: 'null' }] }, 1)).toBeNull();
  });
});
