import { randomBytes } from 'node:crypto';

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
