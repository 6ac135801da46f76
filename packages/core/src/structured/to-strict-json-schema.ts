import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/error-classes.js';
import { loadZod } from '../lazy/load-zod.js';

type JsonSchema = Record<string, unknown>;

/** A zod schema turned into the JSON Schema OpenAI's strict mode accepts, and the way back for its answers. */
export interface StrictJsonSchema {
  /** The strict JSON Schema to send. */
  schema: JsonSchema;
  /**
   * Undoes what strict mode needed: a property that was optional in the zod schema is sent as required and nullable,
   * so the model answers `null` for "absent"; this removes those nulls (in place) so zod sees the property as absent
   * and applies its default. Works on partial answers too.
   */
  revive(value: unknown): unknown;
}

/** Keywords strict mode accepts and that are kept as they are. */
const KEPT = new Set([
  'type',
  'description',
  'title',
  'enum',
  'const',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);

/** Keywords strict mode rejects that only narrow values: dropped, since zod checks them on the answer anyway. */
const LOCAL_ONLY = new Set([
  '$schema',
  '$id',
  '$comment',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  'minLength',
  'maxLength',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'contentEncoding',
  'contentMediaType',
  'propertyNames',
]);

/** String formats strict mode understands; others are dropped (zod still checks them). */
const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/** Keywords this converter rewrites. */
const STRUCTURAL = new Set([
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  '$ref',
  '$defs',
  'definitions',
  'format',
]);

/** Why a keyword that changes the shape of the answer cannot be sent; the schema is rejected. */
const UNSUPPORTED = new Map<string, string>([
  ['allOf', 'intersections (allOf) are not supported in strict mode; merge the objects with .extend()'],
  ['not', '"not" is not supported in strict mode'],
  ['if', 'conditional schemas (if/then/else) are not supported in strict mode'],
  ['then', 'conditional schemas (if/then/else) are not supported in strict mode'],
  ['else', 'conditional schemas (if/then/else) are not supported in strict mode'],
  ['prefixItems', 'tuples (prefixItems) are not supported in strict mode; use an object with named fields'],
  ['patternProperties', 'patternProperties are not supported in strict mode'],
  ['dependentSchemas', 'dependentSchemas are not supported in strict mode'],
  ['dependentRequired', 'dependentRequired is not supported in strict mode'],
  ['unevaluatedProperties', 'unevaluatedProperties is not supported in strict mode'],
  ['unevaluatedItems', 'unevaluatedItems is not supported in strict mode'],
  ['contains', '"contains" is not supported in strict mode'],
]);

/**
 * Converts a zod schema with zod's own `z.toJSONSchema` (input side, so transforms and defaults behave), then makes
 * it strict: every object lists all its properties in `required` and has `additionalProperties: false`, optional
 * properties become nullable, `oneOf` becomes `anyOf`, multi-type `type` arrays become `anyOf`, and value-only
 * keywords strict mode rejects are dropped. What cannot be expressed (records, tuples, intersections, `z.any()`, a
 * root that is not an object) fails with a `ConfigError` naming every problem at once.
 */
export function toStrictJsonSchema(schema: z.ZodType): StrictJsonSchema {
  let source: JsonSchema;
  try {
    source = loadZod().toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError({ issues: [{ path: 'schema', message: `zod cannot convert it: ${message}` }] });
  }
  const converter = new StrictConverter();
  const strict = converter.convert(source, 'schema');
  if (strict.type !== 'object') {
    converter.issues.push({ path: 'schema', message: 'the root must be an object (z.object); wrap the value in one' });
  }
  if (converter.issues.length > 0) throw new ConfigError({ issues: converter.issues });
  return {
    schema: strict,
    revive: (value) => {
      reviveNulls(value, strict, strict, converter.droppedWhenNull, 0);
      return value;
    },
  };
}

class StrictConverter {
  readonly issues: ConfigIssue[] = [];
  /** For each strict object node: the properties whose `null` means "absent". */
  readonly droppedWhenNull = new WeakMap<JsonSchema, Set<string>>();

  convert(node: JsonSchema, path: string): JsonSchema {
    const out: JsonSchema = {};
    for (const key of Object.keys(node)) {
      if (KEPT.has(key) || LOCAL_ONLY.has(key) || STRUCTURAL.has(key)) continue;
      this.issues.push({
        path,
        message: UNSUPPORTED.get(key) ?? `the JSON Schema keyword "${key}" is not supported in strict mode`,
      });
    }
    for (const key of KEPT) if (key in node) out[key] = node[key];
    if (typeof node.format === 'string' && FORMATS.has(node.format)) out.format = node.format;
    if (typeof node.$ref === 'string') out.$ref = node.$ref;
    for (const key of ['$defs', 'definitions'] as const) {
      const defs = node[key];
      if (isSchema(defs)) {
        out[key] = Object.fromEntries(
          Object.entries(defs).map(([name, def]) => [name, this.convert(asSchema(def), `${path}.${key}.${name}`)]),
        );
      }
    }
    const union = node.anyOf ?? node.oneOf;
    if (Array.isArray(union)) {
      out.anyOf = union.map((branch, index) => this.convert(asSchema(branch), `${path}.anyOf.${index}`));
    }
    if (Array.isArray(out.type)) this.splitTypeArray(out);
    if (out.type === 'integer') dropSafeIntegerBounds(out);
    if (out.type === 'array') this.convertArray(node, out, path);
    if (out.type === 'object') this.convertObject(node, out, path);
    const typed = ['type', 'anyOf', '$ref', 'const', 'enum'].some((key) => key in out);
    if (!typed)
      this.issues.push({ path, message: 'a value of any type (z.any, z.unknown) is not allowed in strict mode' });
    return out;
  }

  private splitTypeArray(out: JsonSchema): void {
    const types = out.type as string[];
    const nonNull = types.filter((type) => type !== 'null');
    if (nonNull.length <= 1) return;
    delete out.type;
    out.anyOf = types.map((type) => ({ type }));
  }

  private convertArray(node: JsonSchema, out: JsonSchema, path: string): void {
    if (isSchema(node.items)) out.items = this.convert(node.items, `${path}.items`);
    else if (!('prefixItems' in node)) this.issues.push({ path, message: 'an array needs an item schema' });
  }

  private convertObject(node: JsonSchema, out: JsonSchema, path: string): void {
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) {
      this.issues.push({
        path,
        message:
          'objects with arbitrary keys (z.record, .catchall, .passthrough) are not supported in strict mode; use an array of { key, value } objects',
      });
    }
    const properties = isSchema(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const dropped = new Set<string>();
    const strictProperties: JsonSchema = {};
    for (const [name, property] of Object.entries(properties)) {
      let converted = this.convert(asSchema(property), `${path}.properties.${name}`);
      if (!required.has(name) && !acceptsNull(converted)) {
        converted = makeNullable(converted);
        dropped.add(name);
      }
      strictProperties[name] = converted;
    }
    out.properties = strictProperties;
    out.required = Object.keys(strictProperties);
    out.additionalProperties = false;
    if (dropped.size > 0) this.droppedWhenNull.set(out, dropped);
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asSchema(value: unknown): JsonSchema {
  return isSchema(value) ? value : {};
}

function dropSafeIntegerBounds(out: JsonSchema): void {
  // zod adds these to every z.int(); they say nothing to the model and only lengthen the prompt.
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
}

function acceptsNull(schema: JsonSchema): boolean {
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  if ('const' in schema && schema.const === null) return true;
  return Array.isArray(schema.anyOf) && schema.anyOf.some((branch) => acceptsNull(asSchema(branch)));
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && schema.enum === undefined && !('const' in schema)) {
    return { ...schema, type: [schema.type, 'null'] };
  }
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

/** Past this depth the answer is returned as it is (a recursive schema cannot make the walk loop forever). */
const MAX_REVIVE_DEPTH = 64;

/** Removes, in place, the nulls that stand for absent optional properties. */
function reviveNulls(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema,
  droppedWhenNull: WeakMap<JsonSchema, Set<string>>,
  depth: number,
): void {
  if (depth > MAX_REVIVE_DEPTH || value === null || typeof value !== 'object') return;
  const node = resolveRef(schema, root);
  if (Array.isArray(node.anyOf)) {
    const branch = pickBranch(value, node.anyOf.map(asSchema), root);
    if (branch) reviveNulls(value, branch, root, droppedWhenNull, depth + 1);
    return;
  }
  if (Array.isArray(value)) {
    const items = asSchema(node.items);
    for (const item of value) reviveNulls(item, items, root, droppedWhenNull, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const dropped = droppedWhenNull.get(node);
  const properties = asSchema(node.properties);
  for (const [key, item] of Object.entries(record)) {
    if (item === null && dropped?.has(key)) delete record[key];
    else reviveNulls(item, asSchema(properties[key]), root, droppedWhenNull, depth + 1);
  }
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let node = schema;
  for (let hops = 0; typeof node.$ref === 'string' && hops < 32; hops++) {
    const ref = node.$ref;
    if (ref === '#') return root;
    let target: unknown = root;
    for (const part of ref.replace(/^#\//, '').split('/')) target = asSchema(target)[part];
    node = asSchema(target);
  }
  return node;
}

/** The union branch an answer value was made from: by JSON type, and for objects by their exact set of keys. */
function pickBranch(value: object, branches: JsonSchema[], root: JsonSchema): JsonSchema | undefined {
  const wanted = Array.isArray(value) ? 'array' : 'object';
  const candidates = branches.map((branch) => resolveRef(branch, root)).filter((branch) => branch.type === wanted);
  if (wanted === 'array' || candidates.length <= 1) return candidates[0];
  const keys = Object.keys(value);
  return (
    candidates.find((branch) => {
      const properties = Object.keys(asSchema(branch.properties));
      return keys.every((key) => properties.includes(key)) && consts(branch, value);
    }) ?? candidates[0]
  );
}

/** True when every `const` property of the branch (a discriminator) has the value's value. */
function consts(branch: JsonSchema, value: object): boolean {
  const record = value as Record<string, unknown>;
  return Object.entries(asSchema(branch.properties)).every(([key, property]) => {
    const schema = asSchema(property);
    return !('const' in schema) || !(key in record) || record[key] === schema.const;
  });
}
