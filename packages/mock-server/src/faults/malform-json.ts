import { hashString } from '../text-generator.js';

/**
 * The body a `malformed-json` fault sends: a seeded cut of the real body (so the bytes look like an answer that
 * broke off), and never valid JSON. A cut can only parse when it lands right after a complete top-level value
 * (possible for scalars); the cut is then followed by a stray `{`, which no JSON text may end with.
 */
export function malformJson(text: string, seed = 0): string {
  if (text.length < 2) return `${text}{`;
  const cut = 1 + (hashString(text, seed) % (text.length - 1));
  const broken = text.slice(0, cut);
  return parses(broken) ? `${broken}{` : broken;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
