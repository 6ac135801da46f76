/** A key, or a function returning one (so keys can rotate). */
export type ApiKeySource = string | (() => string | Promise<string>);

/** Resolves a key source to the current key. */
export async function resolveApiKey(source: ApiKeySource): Promise<string> {
  return typeof source === 'function' ? await source() : source;
}
