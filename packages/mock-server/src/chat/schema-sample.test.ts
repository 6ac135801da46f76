import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleFromSchema } from './schema-sample.js';

// ajv and ajv-formats are CommonJS with a `default` export; under NodeNext the class sits on `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

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

describe('sampleFromSchema against a JSON Schema validator', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemas: Record<string, Record<string, unknown>> = {
    strictPerson: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 40 },
        age: { type: 'integer', exclusiveMinimum: 0, maximum: 150 },
        email: { anyOf: [{ type: 'string', format: 'email' }, { type: 'null' }] },
        role: { type: 'string', enum: ['admin', 'user'] },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, minItems: 1, maxItems: 3 },
      },
      required: ['name', 'age', 'email', 'role', 'tags'],
      additionalProperties: false,
    },
    recursiveTree: {
      $defs: {
        node: {
          type: 'object',
          properties: {
            value: { type: 'number', multipleOf: 0.5, minimum: -3, maximum: 3 },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          },
          required: ['value', 'children'],
          additionalProperties: false,
        },
      },
      $ref: '#/$defs/node',
    },
    nullableRecursion: {
      type: 'object',
      properties: { next: { anyOf: [{ $ref: '#' }, { type: 'null' }] }, id: { type: 'string', format: 'uuid' } },
      required: ['next', 'id'],
      additionalProperties: false,
    },
    mergedAllOf: {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'integer', multipleOf: 7, minimum: 1 } }, required: ['b'] },
      ],
    },
    uniqueAndTuple: {
      type: 'object',
      properties: {
        unique: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 50 }, minItems: 4, uniqueItems: true },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], minItems: 2, maxItems: 2 },
        when: { type: 'string', format: 'date-time' },
        at: { type: 'string', format: 'time' },
        host: { type: 'string', format: 'hostname' },
        ip: { type: 'string', format: 'ipv4' },
        code: { type: 'string', pattern: '^[0-9]{3,5}$' },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      },
      required: ['unique', 'pair', 'when', 'at', 'host', 'ip', 'code', 'ratio'],
    },
    requiredWithoutProperties: {
      type: 'object',
      required: ['x'],
      additionalProperties: { type: 'integer' },
      minProperties: 3,
    },
    typeList: { type: ['null', 'array'], items: { type: ['integer', 'string'] }, minItems: 1 },
  };
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: every seed gives a valid value`, () => {
      const validate = ajv.compile(schema);
      for (let seed = 0; seed < 25; seed++) {
        const value = sampleFromSchema(schema, seed);
        expect(validate(value), `${JSON.stringify(value)} ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    });
  }
});
