import { createRandom } from '../text-generator.js';
import { isJsonObject, type JsonObject } from '../vocabulary/json.js';

type Schema = JsonObject;

const SAMPLE_WORDS = ['alpha', 'harbour', 'lantern', 'signal', 'meadow', 'copper', 'north', 'river'];
/** Past this depth the sampler builds the smallest valid value (required properties only, empty arrays, null). */
const MAX_DEPTH = 6;
/** A schema that only has infinite instances (a required, non-nullable self-reference) stops here with null. */
const HARD_DEPTH = 48;
/** Strings tried against a `pattern` before giving up on it. */
const PATTERN_CANDIDATES = ['a', 'abc', 'A', 'ABC', '0', '1', '12', '123', '12345', 'a1', 'A1', 'abc-123', 'abc_123'];

/**
 * A deterministic value that satisfies a JSON Schema: what the mock answers for `json_schema` response formats and
 * tool-call arguments, so a client's validation of the answer is exercised for real. Supports type (and type
 * lists), enum, const, properties/required, additionalProperties, minProperties, items/prefixItems, minItems,
 * maxItems, uniqueItems, anyOf/oneOf (first non-null branch), allOf (merged), local `$ref` to `#/$defs/...` or
 * `#/definitions/...` (recursive schemas end in their smallest valid value), minimum/maximum, exclusive bounds,
 * multipleOf, minLength/maxLength, common formats and simple patterns.
 */
export function sampleFromSchema(schema: unknown, seed: number): unknown {
  const random = createRandom(seed);
  const root = isJsonObject(schema) ? schema : {};
  return sample(root, root, random, 0);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (part === '') continue;
    if (!isJsonObject(node)) return {};
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isJsonObject(node) ? node : {};
}

/** Merges `allOf` branches (and the schema around them) into one schema: properties and required are unioned. */
function mergeAllOf(schema: Schema, root: Schema): Schema {
  const { allOf, ...rest } = schema;
  let merged: Schema = rest;
  for (const part of allOf as unknown[]) {
    let branch = isJsonObject(part) ? part : {};
    if (typeof branch.$ref === 'string') branch = resolveRef(root, branch.$ref);
    if (Array.isArray(branch.allOf)) branch = mergeAllOf(branch, root);
    const properties = { ...(isJsonObject(merged.properties) ? merged.properties : {}) };
    if (isJsonObject(branch.properties)) Object.assign(properties, branch.properties);
    const required = [
      ...(Array.isArray(merged.required) ? merged.required : []),
      ...(Array.isArray(branch.required) ? branch.required : []),
    ];
    merged = { ...branch, ...merged, properties, required };
    if (merged.type === undefined && branch.type !== undefined) merged.type = branch.type;
  }
  if (Object.keys(merged.properties as Schema).length === 0) delete merged.properties;
  return merged;
}

function sample(schema: Schema, root: Schema, random: () => number, depth: number): unknown {
  const minimal = depth > MAX_DEPTH;
  if (depth > HARD_DEPTH) return null;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...siblings } = schema;
    return sample({ ...resolveRef(root, $ref), ...siblings }, root, random, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return sample(mergeAllOf(schema, root), root, random, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[Math.floor(random() * schema.enum.length)];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const isNull = (option: unknown) => isJsonObject(option) && option.type === 'null';
      const nullOption = options.find(isNull);
      const pick = minimal && nullOption ? nullOption : (options.find((option) => !isNull(option)) ?? options[0]);
      const { [key]: _used, ...outer } = schema;
      return sample({ ...outer, ...(isJsonObject(pick) ? pick : {}) }, root, random, depth + 1);
    }
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = minimal && types.includes('null') ? 'null' : (types.find((t) => t !== 'null') ?? types[0]);
  switch (type) {
    case 'object':
      return sampleObject(schema, root, random, depth);
    case 'array':
      return sampleArray(schema, root, random, depth);
    case 'integer':
    case 'number':
      return sampleNumber(schema, type, random);
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema, random);
    default:
      if (isJsonObject(schema.properties) || Array.isArray(schema.required))
        return sampleObject(schema, root, random, depth);
      if (isJsonObject(schema.items)) return sampleArray(schema, root, random, depth);
      return sampleString(schema, random);
  }
}

function sampleObject(schema: Schema, root: Schema, random: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const minimal = depth > MAX_DEPTH;
  for (const [name, property] of Object.entries(properties)) {
    if (minimal && !required.has(name)) continue;
    out[name] = sample(isJsonObject(property) ? property : {}, root, random, depth + 1);
  }
  const extra = isJsonObject(schema.additionalProperties) ? schema.additionalProperties : {};
  for (const name of required) {
    if (!(name in out)) out[name] = sample(extra, root, random, depth + 1);
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (let i = 0; Object.keys(out).length < minProperties && schema.additionalProperties !== false; i++) {
    out[`extra_${i}`] = sample(extra, root, random, depth + 1);
  }
  return out;
}

function sampleArray(schema: Schema, root: Schema, random: () => number, depth: number): unknown[] {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const wanted = depth > MAX_DEPTH ? minItems : Math.max(minItems, prefix.length, 2);
  const count = Math.max(minItems, Math.min(wanted, maxItems));
  const items = isJsonObject(schema.items) ? schema.items : {};
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0, attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const itemSchema = i < prefix.length && isJsonObject(prefix[i]) ? (prefix[i] as Schema) : items;
    const value = sample(itemSchema, root, random, depth + 1);
    if (schema.uniqueItems === true) {
      const key = JSON.stringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(value);
    i++;
  }
  return out;
}

function sampleNumber(schema: Schema, type: 'integer' | 'number', random: () => number): number {
  const integer = type === 'integer';
  const step = integer ? 1 : 0.01;
  let min = typeof schema.minimum === 'number' ? schema.minimum : Number.NEGATIVE_INFINITY;
  let max = typeof schema.maximum === 'number' ? schema.maximum : Number.POSITIVE_INFINITY;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - step);
  if (!Number.isFinite(min)) min = Number.isFinite(max) ? Math.min(0, max - 100) : 0;
  if (!Number.isFinite(max)) max = min + 100;
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (multipleOf !== undefined) {
    const low = Math.ceil(min / multipleOf);
    const high = Math.floor(max / multipleOf);
    const pick = high >= low ? low + Math.floor(random() * (high - low + 1)) : low;
    return Number((pick * multipleOf).toPrecision(12));
  }
  if (integer) {
    const low = Math.ceil(min);
    const high = Math.floor(max);
    return high >= low ? low + Math.floor(random() * (high - low + 1)) : low;
  }
  const value = Math.round((min + random() * (max - min)) * 100) / 100;
  return Math.min(max, Math.max(min, value));
}

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'someone@example.com',
  'idn-email': 'someone@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
};

function sampleString(schema: Schema, random: () => number): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format !== undefined) return format;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
  if (typeof schema.pattern === 'string') {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      pattern = undefined;
    }
    if (pattern) {
      const candidates = [...SAMPLE_WORDS, ...PATTERN_CANDIDATES];
      const match = candidates.find((text) => fits(text) && (pattern as RegExp).test(text));
      if (match !== undefined) return match;
    }
  }
  let text = SAMPLE_WORDS[Math.floor(random() * SAMPLE_WORDS.length)] as string;
  while (text.length < minLength) text += 'x';
  return text.slice(0, maxLength);
}
