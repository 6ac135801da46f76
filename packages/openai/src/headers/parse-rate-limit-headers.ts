import type { RateLimitInfo } from '@switchboard/core';
import { parseDurationMs } from './parse-duration.js';

/** Reads a non-negative count; `-1` and anything that is not a number mean unknown. */
function parseCount(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Parses the `x-ratelimit-limit|remaining|reset-requests|tokens` headers. A header that is missing, `-1` or not
 * understood leaves its field out (unknown, never zero); with no usable header at all the result is undefined.
 */
export function parseRateLimitHeaders(headers: Headers | undefined): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const info: RateLimitInfo = {};
  const set = (key: keyof RateLimitInfo, value: number | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set('limitRequests', parseCount(headers.get('x-ratelimit-limit-requests')));
  set('limitTokens', parseCount(headers.get('x-ratelimit-limit-tokens')));
  set('remainingRequests', parseCount(headers.get('x-ratelimit-remaining-requests')));
  set('remainingTokens', parseCount(headers.get('x-ratelimit-remaining-tokens')));
  set('resetRequestsMs', parseDurationMs(headers.get('x-ratelimit-reset-requests')));
  set('resetTokensMs', parseDurationMs(headers.get('x-ratelimit-reset-tokens')));
  return Object.keys(info).length > 0 ? info : undefined;
}
