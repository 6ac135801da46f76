/**
 * The customIds of a batch input seen so far, to refuse duplicates, in 16 bytes an id: two independent 32-bit hashes
 * per id in an open-addressing table kept at most half full. A `Set` of the ids themselves costs about 100 bytes an id
 * on the JavaScript heap, which for a 50,000-line file was a fifth of the peak memory of writing it, and grows without
 * bound with the input. A match of both hashes only says the id may have been seen: `add` answers `'maybe'`, and the
 * caller confirms against the ids it wrote (a genuine duplicate, or a 64-bit collision about once in 10^10 inputs of a
 * million ids).
 */
export class SeenIds {
  /** Pairs (first hash, second hash); a first hash of 0 marks an empty slot (hashes are made non-zero). */
  #slots = new Uint32Array(2 * 1024);
  #count = 0;

  /** Ids added so far (candidates included). */
  get size(): number {
    return this.#count;
  }

  /** Records `id`: `'new'` when it was surely not seen before, `'maybe'` when an id with both its hashes was. */
  add(id: string): 'new' | 'maybe' {
    const first = hashFirst(id);
    const second = hashSecond(id);
    const slots = this.#slots;
    const mask = slots.length / 2 - 1;
    let slot = first & mask;
    for (;;) {
      const stored = slots[2 * slot];
      if (stored === 0) break;
      if (stored === first && slots[2 * slot + 1] === second) return 'maybe';
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = first;
    slots[2 * slot + 1] = second;
    this.#count += 1;
    if (this.#count * 2 > slots.length / 2) this.#grow();
    return 'new';
  }

  #grow(): void {
    const old = this.#slots;
    const slots = new Uint32Array(old.length * 2);
    const mask = slots.length / 2 - 1;
    for (let index = 0; index < old.length; index += 2) {
      const first = old[index] as number;
      if (first === 0) continue;
      let slot = first & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = first;
      slots[2 * slot + 1] = old[index + 1] as number;
    }
    this.#slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, never 0. */
function hashFirst(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/** A multiply-rotate hash with a murmur3 finalizer, independent of the first. */
function hashSecond(text: string): number {
  let hash = 0x9747b28c ^ text.length;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x5bd1e995);
    hash = (hash << 13) | (hash >>> 19);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
