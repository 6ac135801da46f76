import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/error-classes.js';
import { toStrictJsonSchema } from './to-strict-json-schema.js';

function configIssues(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('toStrictJsonSchema', () => {
  it('lists every property as required, makes optional ones nullable and forbids extra properties everywhere', () => {
    const { schema } = toStrictJsonSchema(
      z.object({
        name: z.string().min(2).describe('the name'),
        age: z.int().optional(),
        tags: z.array(z.object({ label: z.string(), weight: z.number().optional() })).default([]),
        nickname: z.string().nullable().optional(),
        kind: z.enum(['a', 'b']).optional(),
      }),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', description: 'the name' },
        age: { type: ['integer', 'null'] },
        tags: {
          type: ['array', 'null'],
          items: {
            type: 'object',
            properties: { label: { type: 'string' }, weight: { type: ['number', 'null'] } },
            required: ['label', 'weight'],
            additionalProperties: false,
          },
        },
        nickname: { type: ['string', 'null'] },
        kind: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
      },
      required: ['name', 'age', 'tags', 'nickname', 'kind'],
      additionalProperties: false,
    });
  });

  it('turns oneOf and multi-type arrays into anyOf, keeps supported formats and drops the others', () => {
    const { schema } = toStrictJsonSchema(
      z.object({
        shape: z.discriminatedUnion('t', [
          z.object({ t: z.literal('circle'), r: z.number() }),
          z.object({ t: z.literal('square'), side: z.number().optional() }),
        ]),
        id: z.union([z.string(), z.number()]),
        when: z.iso.date(),
        link: z.url(),
      }),
    );
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.shape?.anyOf).toHaveLength(2);
    expect(properties.shape?.oneOf).toBeUndefined();
    expect(properties.id).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    expect(properties.when).toMatchObject({ type: 'string', format: 'date' });
    expect(properties.link?.format).toBeUndefined();
  });

  it('keeps recursive schemas as $defs references', () => {
    interface Node {
      value: number;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      value: z.number(),
      get children() {
        return z.array(node);
      },
    });
    const { schema, revive } = toStrictJsonSchema(z.object({ root: node, note: z.string().optional() }));
    expect(schema.$defs).toBeDefined();
    expect(JSON.stringify(schema)).toContain('"$ref":"#/$defs/');
    const answer = { root: { value: 1, children: [{ value: 2, children: [] }] }, note: null };
    expect(revive(answer)).toEqual({ root: answer.root });
  });

  it('names every construct strict mode cannot express, at once', () => {
    const issues = configIssues(() =>
      toStrictJsonSchema(
        z.object({
          scores: z.record(z.string(), z.number()),
          pair: z.tuple([z.string(), z.number()]),
          anything: z.any(),
        }),
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'schema.properties.scores',
      'schema.properties.pair',
      'schema.properties.anything',
    ]);
    expect(issues[0]?.message).toContain('z.record');
    expect(issues[1]?.message).toContain('tuples');
    expect(issues[2]?.message).toContain('z.any');
  });

  it('rejects a root that is not an object, and what zod cannot convert', () => {
    expect(configIssues(() => toStrictJsonSchema(z.array(z.string())))[0]?.message).toContain('root must be an object');
    expect(configIssues(() => toStrictJsonSchema(z.object({ at: z.date() })))[0]?.message).toContain(
      'zod cannot convert it',
    );
  });

  it('removes the nulls that stand for absent optional properties, and only those', () => {
    const { revive } = toStrictJsonSchema(
      z.object({
        a: z.string().optional(),
        b: z.string().nullable(),
        c: z.string().nullable().optional(),
        list: z.array(z.object({ x: z.number().optional() })),
        choice: z.union([z.object({ k: z.literal('p'), p: z.string().optional() }), z.object({ q: z.number() })]),
      }),
    );
    expect(revive({ a: null, b: null, c: null, list: [{ x: null }, { x: 1 }], choice: { k: 'p', p: null } })).toEqual({
      b: null,
      c: null,
      list: [{}, { x: 1 }],
      choice: { k: 'p' },
    });
    expect(revive('text')).toBe('text');
  });
});
