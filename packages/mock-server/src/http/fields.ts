import { isJsonObject, type JsonObject } from '../vocabulary/json.js';
import { unsupportedValueMessage } from '../vocabulary/messages.js';
import { ApiError, invalidRequest, invalidType, invalidValue } from './api-error.js';

/** A parsed JSON request body (an object; anything else is rejected before routes see it). */
export type JsonBody = JsonObject;

/** Rejects a body that is not a JSON object, with the real API's message. */
export function asObjectBody(value: unknown): JsonBody {
  if (!isJsonObject(value)) {
    throw invalidRequest(
      `Invalid type for root: expected an object, but got ${Array.isArray(value) ? 'an array' : typeof value} instead.`,
      null,
      'invalid_type',
    );
  }
  return value as JsonBody;
}

/** `model` is required everywhere it is read; its absence has its own wording in the real API. */
export function requireModel(body: JsonBody): string {
  const model = body.model;
  if (model === undefined || model === null || model === '') {
    throw invalidRequest('you must provide a model parameter');
  }
  if (typeof model !== 'string') throw invalidType('model', 'a string', model);
  return model;
}

/** Reads an optional string field. */
export function optionalString(body: JsonBody, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidType(name, 'a string', value);
  return value;
}

/** Reads an optional number field, bounded. */
export function optionalNumber(
  body: JsonBody,
  name: string,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidType(name, bounds.integer ? 'an integer' : 'a decimal', value);
  }
  if (bounds.integer && !Number.isInteger(value)) throw invalidType(name, 'an integer', value);
  if (bounds.min !== undefined && value < bounds.min) {
    throw invalidValue(
      name,
      `Invalid '${name}': integer below minimum value. Expected a value >= ${bounds.min}, but got ${value} instead.`,
    );
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw invalidValue(
      name,
      `Invalid '${name}': integer above maximum value. Expected a value <= ${bounds.max}, but got ${value} instead.`,
    );
  }
  return value;
}

/** Reads an optional boolean field. */
export function optionalBoolean(body: JsonBody, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidType(name, 'a boolean', value);
  return value;
}

/** Reads an optional object field. */
export function optionalObject(body: JsonBody, name: string): JsonBody | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw invalidType(name, 'an object', value);
  return value as JsonBody;
}

/** Reads an optional enum field. */
export function optionalEnum<T extends string>(body: JsonBody, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(body, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidValue(name, unsupportedValueMessage(value, allowed, true));
  }
  return value as T;
}

/** Rejects parameters the endpoint does not know, like the real API's "Unrecognized request argument". */
export function rejectUnknown(body: JsonBody, known: ReadonlySet<string>): void {
  for (const key in body) {
    if (!known.has(key)) throw new ApiError(400, { message: `Unrecognized request argument supplied: ${key}` });
  }
}
