/**
 * Small structural checks for response bodies on the hot path: a hand-written guard accepts exactly what the zod
 * schema beside it accepts for the fields Switchboard reads, at a fraction of the cost. The zod schema still produces
 * the message (with the path of the first problem) when a guard says no; see `checkJsonValue`.
 */

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, null or absent. */
export function isOptionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** A number, null or absent. */
export function isOptionalNumber(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'number';
}

/** Null, absent, or an object whose listed fields are numbers, null or absent. */
export function isOptionalNumbers(value: unknown, fields: readonly string[]): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const field of fields) if (!isOptionalNumber(value[field])) return false;
  return true;
}
