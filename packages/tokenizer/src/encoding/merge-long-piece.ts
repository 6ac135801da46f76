import type { RankTable } from './rank-table.js';

/** 2^32: heap keys are `rank * 2^32 + start`, so the smallest key is the lowest rank, leftmost first. */
const SHIFT = 4_294_967_296;

/**
 * tiktoken's byte-pair merge for one pre-tokenizer match, in O(n log n) instead of tiktoken's O(n²): repeatedly merge
 * the adjacent pair of parts whose concatenation has the lowest rank, the leftmost one on ties, until no adjacent
 * concatenation is a token. Same rule, same tie-break, so the same tokens; only the search for the next pair uses a
 * heap (with stale entries skipped) instead of a scan. Returns the ranks (token ids) of the resulting parts.
 */
export function mergeLongPiece(bytes: Uint8Array, ranks: RankTable): number[] {
  const length = bytes.length;
  if (length === 0) return [];
  const whole = ranks.rank(bytes, 0, length);
  if (whole >= 0) return [whole];
  // Parts are a linked list of start offsets; `next[start]` is where the part starting at `start` ends.
  const next = new Int32Array(length + 1);
  const previous = new Int32Array(length + 1);
  const alive = new Uint8Array(length + 1).fill(1);
  // The rank of merging the part at `start` with the part after it, or -1.
  const pairRank = new Int32Array(length).fill(-1);
  const heap = new MinHeap(length);
  for (let start = 0; start < length; start++) {
    next[start] = start + 1;
    previous[start + 1] = start;
  }
  for (let start = 0; start + 1 < length; start++) {
    const rank = ranks.rank(bytes, start, start + 2);
    pairRank[start] = rank;
    if (rank >= 0) heap.push(rank * SHIFT + start);
  }
  while (heap.size > 0) {
    const key = heap.pop();
    const rank = Math.floor(key / SHIFT);
    const start = key - rank * SHIFT;
    if (alive[start] === 0 || pairRank[start] !== rank) continue;
    const removed = next[start] as number;
    const end = next[removed] as number;
    alive[removed] = 0;
    next[start] = end;
    previous[end] = start;
    const merged = end < length ? ranks.rank(bytes, start, next[end] as number) : -1;
    pairRank[start] = merged;
    if (merged >= 0) heap.push(merged * SHIFT + start);
    if (start > 0) {
      const before = previous[start] as number;
      const joined = ranks.rank(bytes, before, end);
      pairRank[before] = joined;
      if (joined >= 0) heap.push(joined * SHIFT + before);
    }
  }
  const tokens: number[] = [];
  for (let start = 0; start < length; start = next[start] as number) {
    tokens.push(ranks.rank(bytes, start, next[start] as number));
  }
  return tokens;
}

/** A binary min-heap of numbers that grows as needed. */
class MinHeap {
  private items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    let index = this.size++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[index] = items[parent] as number;
      index = parent;
    }
    items[index] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items[--this.size] as number;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= last) break;
      items[index] = items[child] as number;
      index = child;
    }
    items[index] = last;
    return top;
  }
}
