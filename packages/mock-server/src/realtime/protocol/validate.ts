import { isJsonObject, type JsonObject } from '../../vocabulary/json.js';
import { invalidType, invalidValue, missingParameter, unknownParameter } from './errors.js';

/** Returns `value` as an object or throws the real API's `invalid_type` error for `param`. */
export function expectObject(value: unknown, param: string): JsonObject {
  if (!isJsonObject(value)) throw invalidType(param, 'an object', value);
  return value;
}

/** Returns `value` as a string or throws `invalid_type`. */
export function expectString(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalidType(param, 'a string', value);
  return value;
}

/** Returns `value` as an integer or throws `invalid_type`. */
export function expectInteger(value: unknown, param: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(param, 'an integer', value);
  return value;
}

/** Returns `value` as an array or throws `invalid_type`. */
export function expectArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value);
  return value;
}

/** Returns `value` when it is one of `allowed`, else throws `invalid_value`. */
export function expectOneOf<T extends string>(value: unknown, param: string, allowed: readonly T[]): T {
  if (typeof value !== 'string') throw invalidType(param, 'a string', value);
  if (!(allowed as readonly string[]).includes(value)) throw invalidValue(param, value, allowed);
  return value as T;
}

/** Returns a required field of `object` or throws `missing_required_parameter`. */
export function required(object: JsonObject, key: string, prefix: string): unknown {
  const value = object[key];
  if (value === undefined) throw missingParameter(`${prefix}${key}`);
  return value;
}

/** Throws `unknown_parameter` for the first key of `object` that is not in `known`. */
export function rejectUnknownKeys(object: JsonObject, known: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) throw unknownParameter(`${prefix}${key}`);
  }
}

/** The expected type of one field: a JSON type (`?` allows null) or the list of allowed strings. */
export type FieldKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'string[]'
  | 'string?'
  | 'integer?'
  | readonly string[];

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  'string[]': 'an array of strings',
};

/**
 * Checks a nested object of known fields: unknown keys, wrong types and values outside an allowed list get the
 * real API's errors. Fields left out are fine.
 */
export function checkFields(object: JsonObject, prefix: string, fields: Record<string, FieldKind>): JsonObject {
  rejectUnknownKeys(object, new Set(Object.keys(fields)), `${prefix}.`);
  for (const [key, kind] of Object.entries(fields)) {
    const value = object[key];
    if (value === undefined) continue;
    const param = `${prefix}.${key}`;
    if (typeof kind !== 'string') {
      expectOneOf(value, param, kind);
      continue;
    }
    const base = kind.endsWith('?') ? kind.slice(0, -1) : kind;
    if (value === null && base !== kind) continue;
    if (!matchesKind(value, base)) throw invalidType(param, EXPECTED[base] as string, value);
  }
  return object;
}

function matchesKind(value: unknown, kind: string): boolean {
  switch (kind) {
    case 'integer':
      return Number.isInteger(value);
    case 'object':
      return isJsonObject(value);
    case 'string[]':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
    default:
      return typeof value === kind;
  }
}
