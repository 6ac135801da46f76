const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000_001,
};
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/y;

/**
 * Parses a rate-limit reset duration as OpenAI sends it (`6m0s`, `1s`, `20ms`, `1h2m3.5s`; a bare number is seconds)
 * into milliseconds. Negative values (`-1`, Azure's "unknown"), empty or malformed text give undefined.
 */
export function parseDurationMs(text: string | null | undefined): number | undefined {
  const value = text?.trim();
  if (!value || value.startsWith('-')) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1_000;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const match = PART.exec(value);
    if (!match) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Math.round(total);
}
