import type { EncodingName } from '@switchboard/core';
import { rankDataOf } from '../runtime/tiktoken-runtime.js';

/**
 * The encoding's vocabulary (token bytes → rank, which is the token id) in a compact open-addressing hash table, for
 * the long-piece merge. tiktoken's WASM API cannot answer "is this byte string a token?" (its lookup traps on a
 * miss), so the table is built from the same rank data the lite encoder was created with (`encoders/<name>.json`). About 4 MB for o200k,
 * built only when a text actually contains a long unsplittable run.
 */
export interface RankTable {
  /** The rank of `bytes[start, end)`, or -1 when that byte string is not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let index = 0; index < BASE64.length; index++) BASE64_VALUE[BASE64.charCodeAt(index)] = index;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The table of `encoding`, from the rank data the encoder was created with. */
export function loadRankTable(encoding: EncodingName): RankTable {
  return buildRankTable(rankDataOf(encoding).bpe_ranks);
}

/**
 * Builds the table from tiktoken's compact rank format: space-separated base64 tokens whose ranks count up from the
 * number after each `!` marker. One pass: each token is decoded, hashed and inserted as it is read.
 */
export function buildRankTable(ranks: string): RankTable {
  let tokens = 0;
  for (let space = ranks.indexOf(' '); space >= 0; space = ranks.indexOf(' ', space + 1)) tokens++;
  let size = 1;
  while (size < tokens * 2 + 2) size <<= 1;
  const table = {
    slots: new Int32Array(size).fill(-1),
    mask: size - 1,
    pool: new Uint8Array(Math.ceil((ranks.length * 3) / 4)),
    offsets: new Int32Array(tokens + 2),
    ids: new Int32Array(tokens + 1),
    maxLength: 0,
  };
  let entry = 0;
  let used = 0;
  let rank = 0;
  let position = 0;
  const length = ranks.length;
  while (position < length) {
    if (ranks.charCodeAt(position) === 0x21) {
      // `! <rank>`: the next tokens count up from <rank>.
      let numberEnd = ranks.indexOf(' ', position + 2);
      if (numberEnd < 0) numberEnd = length;
      rank = Number(ranks.slice(position + 2, numberEnd));
      position = numberEnd + 1;
      continue;
    }
    const start = used;
    let bits = 0;
    let buffer = 0;
    let value = FNV_OFFSET;
    let index = position;
    for (; index < length; index++) {
      const code = ranks.charCodeAt(index);
      if (code === 0x20) break;
      const digit = BASE64_VALUE[code & 0x7f] as number;
      if (digit < 0) continue; // `=` padding
      buffer = ((buffer << 6) | digit) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        const byte = (buffer >> bits) & 0xff;
        table.pool[used++] = byte;
        value = Math.imul(value ^ byte, FNV_PRIME);
      }
    }
    table.offsets[entry] = start;
    table.ids[entry] = rank++;
    table.maxLength = Math.max(table.maxLength, used - start);
    let slot = (value >>> 0) & table.mask;
    while ((table.slots[slot] as number) >= 0) slot = (slot + 1) & table.mask;
    table.slots[slot] = entry++;
    position = index + 1;
  }
  table.offsets[entry] = used;
  return new HashedRanks(table.slots, table.mask, table.pool, table.offsets, table.ids, table.maxLength);
}

class HashedRanks implements RankTable {
  constructor(
    private readonly slots: Int32Array,
    private readonly mask: number,
    private readonly pool: Uint8Array,
    private readonly offsets: Int32Array,
    private readonly ids: Int32Array,
    private readonly maxLength: number,
  ) {}

  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > this.maxLength) return -1;
    let slot = hash(bytes, start, end) & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry < 0) return -1;
      const offset = this.offsets[entry] as number;
      if ((this.offsets[entry + 1] as number) - offset === length && this.equal(bytes, start, offset, length)) {
        return this.ids[entry] as number;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private equal(bytes: Uint8Array, start: number, offset: number, length: number): boolean {
    for (let index = 0; index < length; index++) {
      if (bytes[start + index] !== this.pool[offset + index]) return false;
    }
    return true;
  }
}

function hash(bytes: Uint8Array, start: number, end: number): number {
  let value = FNV_OFFSET;
  for (let index = start; index < end; index++) value = Math.imul(value ^ (bytes[index] as number), FNV_PRIME);
  return value >>> 0;
}
