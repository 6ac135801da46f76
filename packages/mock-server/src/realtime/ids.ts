import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The prefixes the real Realtime API puts in front of its ids. */
export type RealtimeIdPrefix = 'event' | 'item' | 'resp' | 'sess' | 'call' | 'conv';

/**
 * Returns an id shaped like the real service's (`event_C9G5RJeJ2gF77mV7f2B1j`): a prefix and 21 base62
 * characters. Ids are random rather than derived from the input because the real ones are too, and clients must
 * not rely on them.
 */
export function realtimeId(prefix: RealtimeIdPrefix): string {
  const bytes = randomBytes(21);
  let suffix = '';
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${suffix}`;
}
