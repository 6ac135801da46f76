import type { RateLimitInfo } from '@switchboard/core';
import { parseDurationMs } from './parse-duration.js';

/** Reads a non-negative count; `-1` and anything that is not a number mean unknown. */
function parseCount(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

const FIELDS: Record<string, { key: keyof RateLimitInfo; parse: (text: string) => number | undefined }> = {
  'x-ratelimit-limit-requests': { key: 'limitRequests', parse: parseCount },
  'x-ratelimit-limit-tokens': { key: 'limitTokens', parse: parseCount },
  'x-ratelimit-remaining-requests': { key: 'remainingRequests', parse: parseCount },
  'x-ratelimit-remaining-tokens': { key: 'remainingTokens', parse: parseCount },
  'x-ratelimit-reset-requests': { key: 'resetRequestsMs', parse: parseDurationMs },
  'x-ratelimit-reset-tokens': { key: 'resetTokensMs', parse: parseDurationMs },
};

/**
 * Parses the `x-ratelimit-limit|remaining|reset-requests|tokens` headers. A header that is missing, `-1` or not
 * understood leaves its field out (unknown, never zero); with no usable header at all the result is undefined.
 */
export function parseRateLimitHeaders(headers: Headers | undefined): RateLimitInfo | undefined {
  if (!headers) return undefined;
  let info: RateLimitInfo | undefined;
  // One pass over the (already sorted) header list: six `get` calls cost several times more on undici's Headers.
  for (const [name, value] of headers) {
    if (!name.startsWith('x-ratelimit-')) continue;
    const field = FIELDS[name];
    const parsed = field?.parse(value);
    if (field && parsed !== undefined) {
      info ??= {};
      info[field.key] = parsed;
    }
  }
  return info;
}
