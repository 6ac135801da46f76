/**
 * Rewrites OpenAPI 3.0 schema keywords into plain JSON Schema that Ajv understands, on a deep copy:
 * - `nullable: true` becomes `anyOf: [<the schema without nullable>, { type: 'null' }]` (works whether or not the
 *   schema has a `type`, an `enum`, a `$ref` or a composition beside it);
 * - draft-04 boolean `exclusiveMinimum` / `exclusiveMaximum` (a few places in the OpenAI specs) become the numeric form.
 * - with `oneOfAsAnyOf`, every `oneOf` becomes `anyOf` (the Responses unions, InputItem first, use `oneOf` without a
 *   discriminator, so a valid user message matches two branches; the reference README says to read them as anyOf).
 * Keys named `nullable` inside `properties` are property names, not keywords, and are left alone.
 */
export function rewriteOpenApiSchemas(node, options = {}) {
  const recurse = (child) => rewriteOpenApiSchemas(child, options);
  if (Array.isArray(node)) return node.map(recurse);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      out[key] = mapValues(value, recurse);
    } else if (key === 'example' || key === 'examples' || key === 'x-oaiMeta' || key === 'default' || key === 'enum') {
      out[key] = value;
    } else if (key === 'oneOf' && options.oneOfAsAnyOf) {
      out.anyOf = recurse(value);
    } else {
      out[key] = recurse(value);
    }
  }
  fixExclusiveBound(out, 'exclusiveMinimum', 'minimum');
  fixExclusiveBound(out, 'exclusiveMaximum', 'maximum');
  if (out.nullable === true) {
    delete out.nullable;
    const { description, title, deprecated, ...rest } = out;
    const wrapped = { anyOf: [rest, { type: 'null' }] };
    if (description !== undefined) wrapped.description = description;
    if (title !== undefined) wrapped.title = title;
    if (deprecated !== undefined) wrapped.deprecated = deprecated;
    return wrapped;
  }
  if (out.nullable === false) delete out.nullable;
  return out;
}

function mapValues(value, fn) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = fn(v);
  return out;
}

function fixExclusiveBound(schema, exclusiveKey, boundKey) {
  const flag = schema[exclusiveKey];
  if (typeof flag !== 'boolean') return;
  if (flag && typeof schema[boundKey] === 'number') {
    schema[exclusiveKey] = schema[boundKey];
    delete schema[boundKey];
  } else {
    delete schema[exclusiveKey];
  }
}
