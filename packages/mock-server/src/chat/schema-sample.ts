import { createRandom } from '../text-generator.js';

type Schema = Record<string, unknown>;

const SAMPLE_WORDS = ['alpha', 'harbour', 'lantern', 'signal', 'meadow', 'copper', 'north', 'river'];
const MAX_DEPTH = 6;

/**
 * A deterministic value that satisfies a (reasonable) JSON Schema: what the mock answers for `json_schema`
 * response formats and tool-call arguments. Supports type, enum, const, properties/required, items, anyOf/oneOf,
 * allOf (first), local `$ref` to `#/$defs/...` or `#/definitions/...`, minimum/maximum, minItems, minLength.
 */
export function sampleFromSchema(schema: unknown, seed: number): unknown {
  const random = createRandom(seed);
  const root = isSchema(schema) ? schema : {};
  return sample(root, root, random, 0);
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!isSchema(node)) return {};
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isSchema(node) ? node : {};
}

function sample(schema: Schema, root: Schema, random: () => number, depth: number): unknown {
  if (typeof schema.$ref === 'string')
    return depth > MAX_DEPTH ? null : sample(resolveRef(root, schema.$ref), root, random, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[Math.floor(random() * schema.enum.length)];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.filter((option) => !(isSchema(option) && option.type === 'null'));
      const pick = nonNull[0] ?? options[0];
      return sample(isSchema(pick) ? pick : {}, root, random, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return sampleObject(schema, root, random, depth);
    case 'array': {
      if (depth > MAX_DEPTH) return [];
      const items = isSchema(schema.items) ? schema.items : {};
      const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 0, 2);
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : count;
      return Array.from({ length: Math.min(count, max) }, () => sample(items, root, random, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 100;
      if (type === 'integer') return Math.ceil(min) + Math.floor(random() * (Math.floor(max) - Math.ceil(min) + 1));
      return Math.min(max, Math.round((min + random() * (max - min)) * 100) / 100);
    }
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema, random);
    default:
      if (isSchema(schema.properties)) return sampleObject(schema, root, random, depth);
      return sampleString(schema, random);
  }
}

function sampleObject(schema: Schema, root: Schema, random: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > MAX_DEPTH || !isSchema(schema.properties)) return out;
  for (const [name, property] of Object.entries(schema.properties)) {
    out[name] = sample(isSchema(property) ? property : {}, root, random, depth + 1);
  }
  return out;
}

function sampleString(schema: Schema, random: () => number): string {
  if (schema.format === 'date-time') return '2024-01-01T00:00:00Z';
  if (schema.format === 'date') return '2024-01-01';
  if (schema.format === 'email') return 'someone@example.com';
  if (schema.format === 'uri') return 'https://example.com/';
  let text = SAMPLE_WORDS[Math.floor(random() * SAMPLE_WORDS.length)] as string;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  while (text.length < minLength) text += 'x';
  if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
  return text;
}
