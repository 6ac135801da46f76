/** Limits of the per-text token count cache. */
export interface TokenCountCacheOptions {
  /** Most texts remembered per encoding. Default 4096. */
  maxEntries?: number;
  /** Most UTF-16 units of text the cache may keep alive per encoding. Default 8,388,608 (about 16 MB). */
  maxChars?: number;
}

const DEFAULTS: Required<TokenCountCacheOptions> = { maxEntries: 4096, maxChars: 8 * 1024 * 1024 };

/**
 * Token counts of texts already seen, keyed by the text itself, least recently used first out. A chat loop resends
 * the same message strings every turn; a Map keyed by those strings finds them without re-hashing (V8 caches a
 * string's hash), so only new messages reach the tokenizer.
 */
export class TokenCountCache {
  private readonly counts = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;

  constructor(options: TokenCountCacheOptions = {}) {
    this.maxEntries = Math.max(0, options.maxEntries ?? DEFAULTS.maxEntries);
    this.maxChars = Math.max(0, options.maxChars ?? DEFAULTS.maxChars);
  }

  /** The count for `text`, computing and remembering it on a miss. */
  get(text: string, compute: (text: string) => number): number {
    const cached = this.counts.get(text);
    if (cached !== undefined) {
      // Re-insert to mark it most recently used.
      this.counts.delete(text);
      this.counts.set(text, cached);
      return cached;
    }
    const count = compute(text);
    if (text.length <= this.maxChars && this.maxEntries > 0) {
      this.counts.set(text, count);
      this.chars += text.length;
      this.evict();
    }
    return count;
  }

  /** How many texts are remembered. */
  get size(): number {
    return this.counts.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.counts.clear();
    this.chars = 0;
  }

  private evict(): void {
    for (const text of this.counts.keys()) {
      if (this.counts.size <= this.maxEntries && this.chars <= this.maxChars) return;
      this.counts.delete(text);
      this.chars -= text.length;
    }
  }
}
