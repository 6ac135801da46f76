import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EncodingName } from '@switchboard/core';

/**
 * The encoding's vocabulary (token bytes → rank, which is the token id) in a compact open-addressing hash table, for
 * the long-piece merge. tiktoken's WASM API cannot answer "is this byte string a token?" (its lookup traps on a
 * miss), so the table is read from the rank file tiktoken ships in `encoders/<name>.json`. About 4 MB for o200k,
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

/** Reads the rank file of `encoding` from the installed tiktoken package. */
export function loadRankTable(encoding: EncodingName): RankTable {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`tiktoken/encoders/${encoding}.json`);
  const { bpe_ranks: ranks } = JSON.parse(readFileSync(file, 'utf8')) as { bpe_ranks: string };
  return buildRankTable(ranks);
}

/**
 * Builds the table from tiktoken's compact rank format: space-separated base64 tokens whose ranks count up from the
 * number after each `!` marker.
 */
export function buildRankTable(ranks: string): RankTable {
  const pool = new Uint8Array(Math.ceil((ranks.length * 3) / 4));
  const offsets: number[] = [];
  const ids: number[] = [];
  let used = 0;
  let rank = 0;
  let position = 0;
  while (position < ranks.length) {
    let end = ranks.indexOf(' ', position);
    if (end < 0) end = ranks.length;
    if (ranks.charCodeAt(position) === 0x21) {
      let numberEnd = ranks.indexOf(' ', end + 1);
      if (numberEnd < 0) numberEnd = ranks.length;
      rank = Number(ranks.slice(end + 1, numberEnd));
      position = numberEnd + 1;
      continue;
    }
    offsets.push(used);
    ids.push(rank++);
    let bits = 0;
    let buffer = 0;
    for (let index = position; index < end; index++) {
      const value = BASE64_VALUE[ranks.charCodeAt(index) & 0x7f] as number;
      if (value < 0) break;
      buffer = ((buffer << 6) | value) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        pool[used++] = (buffer >> bits) & 0xff;
      }
    }
    position = end + 1;
  }
  offsets.push(used);
  return new HashedRanks(pool, Int32Array.from(offsets), Int32Array.from(ids));
}

class HashedRanks implements RankTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly maxLength: number;

  constructor(
    private readonly pool: Uint8Array,
    private readonly offsets: Int32Array,
    private readonly ids: Int32Array,
  ) {
    const count = ids.length;
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let maxLength = 0;
    for (let entry = 0; entry < count; entry++) {
      const start = offsets[entry] as number;
      const end = offsets[entry + 1] as number;
      maxLength = Math.max(maxLength, end - start);
      let slot = hash(pool, start, end) & this.mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry;
    }
    this.maxLength = maxLength;
  }

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
