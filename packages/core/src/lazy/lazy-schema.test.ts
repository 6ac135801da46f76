import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../config/parse-config.js';
import { retryOptionsSchema } from '../config/schemas.js';
import { createPromptTemplate } from '../templates/prompt-template.js';
import { lazySchema } from './lazy-schema.js';
import { loadZod } from './load-zod.js';

describe('lazySchema', () => {
  it('builds the schema once, on first use', () => {
    let builds = 0;
    const schema = lazySchema((zod) => {
      builds += 1;
      return zod.strictObject({ n: zod.number().default(1) });
    });
    expect(builds).toBe(0);
    expect(schema.parse({})).toEqual({ n: 1 });
    expect(schema.safeParse({ n: 'x' }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('behaves as the zod schema: instanceof, keys, shape, derived schemas', () => {
    const schema = lazySchema((zod) => zod.strictObject({ name: zod.string(), n: zod.number().default(2) }));
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(schema instanceof z.ZodType).toBe(true);
    expect('shape' in schema).toBe(true);
    expect(Object.keys(schema.shape)).toEqual(['name', 'n']);
    expect(Object.keys(schema)).toContain('def');
    expect(Object.getOwnPropertyDescriptor(schema, '_zod')?.value).toBe(schema._zod);
    expect(Object.getOwnPropertyDescriptor(schema, 'missing')).toBeUndefined();
    expect(schema.parse).toBe(schema.parse);
    const extended = schema.extend({ extra: z.boolean() });
    expect(extended.parse({ name: 'a', extra: true })).toEqual({ name: 'a', n: 2, extra: true });
    expect(schema.partial().parse({})).toEqual({ n: 2 });
    expect(z.toJSONSchema(schema)).toMatchObject({ type: 'object', properties: { name: { type: 'string' } } });
  });

  it('works inside caller-built zod schemas, and caller schemas work inside it', () => {
    const callerSchema = z.object({ retry: retryOptionsSchema, label: z.string() });
    expect(callerSchema.parse({ retry: {}, label: 'x' }).retry.maxAttempts).toBe(4);
    const wrapping = lazySchema((zod) => zod.object({ inner: callerSchema.optional() }));
    expect(wrapping.safeParse({ inner: { retry: { maxAttempts: 0 }, label: 'x' } }).success).toBe(false);
  });

  it('loads the same zod instance a caller imports', () => {
    expect(loadZod()).toBe(z);
  });

  it('keeps the zod input and output types', () => {
    expectTypeOf<z.input<typeof retryOptionsSchema>['maxAttempts']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<z.output<typeof retryOptionsSchema>['maxAttempts']>().toEqualTypeOf<number>();
    expectTypeOf(parseConfig(retryOptionsSchema, {}).maxAttempts).toEqualTypeOf<number>();
  });

  it('accepts a caller zod schema for template variables', () => {
    const template = createPromptTemplate([{ role: 'user', content: 'Hi {{name}}' }], z.object({ name: z.string() }));
    expect(template.render({ name: 'Ada' })).toEqual([{ role: 'user', content: 'Hi Ada' }]);
  });
});

it('the web entry (dist/index.js) loads zod statically (bundlers must see it) and no node: module', () => {
  const cwd = fileURLToPath(new URL('../..', import.meta.url));
  const urls = importedModules(new URL('../../dist/index.js', import.meta.url).href, { cwd });
  expect(includesPackage(urls, 'zod')).toBe(true);
  expect(urls.filter((url) => url.startsWith('node:'))).toEqual([]);
});

it('on Node, @switchboard/core resolves to the Node entry, which installs the image file reader', () => {
  const urls = importedModules('@switchboard/core', { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  expect(urls.some((url) => url.endsWith('/dist/node-main.js'))).toBe(true);
  expect(urls).toContain('node:fs/promises');
});
