import { invalidRequest } from '../http/api-error.js';
import { isJsonObject, type JsonObject } from '../vocabulary/json.js';

type Schema = JsonObject;

/**
 * The checks the real API makes on a schema sent with `strict: true` (structured outputs): every object lists every
 * property in `required` and sets `additionalProperties: false`. A schema that breaks them is a 400
 * `invalid_json_schema` naming the place (`context=('properties', 'address')`), so a client that converts schemas
 * by hand finds its mistakes against the mock as it would against the service.
 */
export function checkStrictSchema(schema: Schema, owner: string, param: string): void {
  const problem = findProblem(schema, []);
  if (problem === undefined) return;
  throw invalidRequest(`Invalid schema for ${owner}: ${problem}`, param, 'invalid_json_schema');
}

function context(path: string[]): string {
  return `In context=(${path.map((part) => `'${part}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
}

function findProblem(schema: Schema, path: string[]): string | undefined {
  const type = schema.type;
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'));
  if (isObject || isJsonObject(schema.properties)) {
    if (schema.additionalProperties !== false) {
      return `${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : undefined;
    const missing = Object.keys(properties).filter((key) => !required?.includes(key));
    if (required === undefined || missing.length > 0) {
      const which = missing.length > 0 ? ` Missing '${missing[0]}'.` : '';
      return `${context(path)}, 'required' is required to be supplied and to be an array including every key in properties.${which}`;
    }
    for (const [key, child] of Object.entries(properties)) {
      if (!isJsonObject(child)) continue;
      const found = findProblem(child, [...path, 'properties', key]);
      if (found) return found;
    }
  }
  if (isJsonObject(schema.items)) {
    const found = findProblem(schema.items, [...path, 'items']);
    if (found) return found;
  }
  for (const key of ['anyOf', 'allOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    for (let i = 0; i < options.length; i++) {
      const option = options[i];
      if (!isJsonObject(option)) continue;
      const found = findProblem(option, [...path, key, String(i)]);
      if (found) return found;
    }
  }
  if (Array.isArray(schema.oneOf)) return `${context(path)}, 'oneOf' is not permitted.`;
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = schema[key];
    if (!isJsonObject(defs)) continue;
    for (const [name, child] of Object.entries(defs)) {
      if (!isJsonObject(child)) continue;
      const found = findProblem(child, [...path, key, name]);
      if (found) return found;
    }
  }
  return undefined;
}
