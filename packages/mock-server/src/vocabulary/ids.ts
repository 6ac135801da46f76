/**
 * The ids the mock hands out, for both halves: counter-based ids for the HTTP routes (`chatcmpl-…`, `resp_…`,
 * `file-…`, `req_…`: cheap on the hot path, unique per server) and random ids for the Realtime API (`event_…`,
 * `item_…`: random like the real ones, since realtime clients must not rely on their order).
 */
import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/**
 * Unique ids shaped like the real ones (`chatcmpl-…`, `file-…`, `batch_…`, `req_…`): a random per-server prefix
 * and a counter, so making one costs a few string operations instead of a crypto call per request.
 */
export class IdGenerator {
  readonly #prefix: string;
  #counter = 0;

  constructor() {
    const bytes = randomBytes(8);
    this.#prefix = base62(bytes.readUInt32BE(0), 6) + base62(bytes.readUInt32BE(4), 6);
  }

  /** The next id with the given prefix, e.g. `next('chatcmpl-')`. */
  next(prefix: string): string {
    this.#counter++;
    return `${prefix}${this.#prefix}${base62(this.#counter, 8)}`;
  }
}

const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
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
    suffix += RANDOM_ALPHABET[(pool[index] as number) % RANDOM_ALPHABET.length];
  }
  offset += ID_LENGTH;
  return `${prefix}_${suffix}`;
}
