/**
 * JSON with object keys sorted at every level, so two equal requests built in a different key order hash the same.
 * Bytes (typed arrays, ArrayBuffer) become base64, URLs their text; `undefined` members are dropped as JSON does.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'null';
}

function normalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value))
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof ArrayBuffer) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof URL) return value.href;
  if (Array.isArray(value)) return value.map(normalize);
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = normalize(member);
  }
  return sorted;
}
