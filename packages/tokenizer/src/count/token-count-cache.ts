/** Limits of the per-text token count cache. */
export interface TokenCountCacheOptions {
  /** Most texts remembered per encoding. Default 4096. */
  maxEntries?: number;
  /** Most UTF-16 units of text the cache may keep alive per encoding. Default 8,388,608 (about 16 MB). */
  maxChars?: number;
}

const DEFAULTS: Required<TokenCountCacheOptions> = { maxEntries: 4096, maxChars: 8 * 1024 * 1024 };

/** A remembered count and when it was last used. */
interface Entry {
  count: number;
  lastUsed: number;
}

/**
 * Token counts of texts already seen, keyed by the text itself, least recently used first out. A chat loop resends
 * the same message strings every turn; a Map keyed by those strings finds them without re-hashing (V8 caches a
 * string's hash), so only new messages reach the tokenizer. A hit only stamps its entry (no Map reordering, which
 * made hits cost twice a lookup); when the cache overflows, the least recently stamped entries are evicted in one
 * sorted pass, an eighth of the capacity at a time for large caches so that eviction stays amortised O(log n).
 */
export class TokenCountCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;
  private clock = 0;

  constructor(options: TokenCountCacheOptions = {}) {
    this.maxEntries = Math.max(0, options.maxEntries ?? DEFAULTS.maxEntries);
    this.maxChars = Math.max(0, options.maxChars ?? DEFAULTS.maxChars);
  }

  /** The count for `text`, computing and remembering it on a miss. */
  get(text: string, compute: (text: string) => number): number {
    const entry = this.entries.get(text);
    if (entry !== undefined) {
      entry.lastUsed = ++this.clock;
      return entry.count;
    }
    const count = compute(text);
    if (text.length <= this.maxChars && this.maxEntries > 0) {
      this.entries.set(text, { count, lastUsed: ++this.clock });
      this.chars += text.length;
      if (this.entries.size > this.maxEntries || this.chars > this.maxChars) this.evict();
    }
    return count;
  }

  /** How many texts are remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private evict(): void {
    const slack = this.maxEntries >= 64 ? this.maxEntries >> 3 : 0;
    const targetEntries = this.maxEntries - slack;
    const targetChars = this.maxChars - (slack > 0 ? this.maxChars >> 3 : 0);
    const byAge = [...this.entries].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [text] of byAge) {
      if (this.entries.size <= targetEntries && this.chars <= targetChars) return;
      this.entries.delete(text);
      this.chars -= text.length;
    }
  }
}
