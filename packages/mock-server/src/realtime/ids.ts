import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 21;
/** Random bytes are drawn in batches: one crypto call per 195 ids instead of one per id. */
const pool = Buffer.alloc(ID_LENGTH * 195);
let offset = pool.length;

/** The prefixes the real Realtime API puts in front of its ids. */
export type RealtimeIdPrefix = 'event' | 'item' | 'resp' | 'sess' | 'call' | 'conv';

/**
 * Returns an id shaped like the real service's (`event_C9G5RJeJ2gF77mV7f2B1j`): a prefix and 21 base62
 * characters. Ids are random rather than derived from the input because the real ones are too, and clients must
 * not rely on them.
 */
export function realtimeId(prefix: RealtimeIdPrefix): string {
  if (offset + ID_LENGTH > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let suffix = '';
  for (let index = offset; index < offset + ID_LENGTH; index++) {
    suffix += ALPHABET[(pool[index] as number) % ALPHABET.length];
  }
  offset += ID_LENGTH;
  return `${prefix}_${suffix}`;
}
