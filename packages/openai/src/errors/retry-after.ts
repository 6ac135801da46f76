/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` first (Azure and OpenAI send it), then
 * `retry-after` as seconds or as an HTTP date. A date in the past gives 0; nothing usable gives undefined.
 */
export function parseRetryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const millis = parseNumber(headers.get('retry-after-ms'));
  if (millis !== undefined) return millis;
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = parseNumber(raw);
  if (seconds !== undefined) return seconds * 1_000;
  // An HTTP date has a weekday and a month name; a bare negative or malformed number is not one.
  if (!/[a-z]/i.test(raw)) return undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNumber(text: string | null | undefined): number | undefined {
  if (!text || !/^\s*\d+(?:\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
