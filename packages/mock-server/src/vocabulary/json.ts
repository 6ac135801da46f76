/**
 * The JSON shapes both halves read from the wire (HTTP request bodies, Realtime client events, nested fields,
 * control-endpoint bodies, batch input lines): one test of "is this a JSON object", so every reader agrees on it.
 */

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
