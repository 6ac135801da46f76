/** The object's own keys whose value is `undefined` removed from its type. */
export type WithoutUndefined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * A shallow copy of `value` without the keys whose value is `undefined`: with `exactOptionalPropertyTypes`, and for
 * APIs that treat a present `undefined` differently from an absent key, `{ a: undefined }` is not `{}`.
 */
export function dropUndefined<T extends object>(value: T): Partial<WithoutUndefined<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as Partial<WithoutUndefined<T>>;
}
