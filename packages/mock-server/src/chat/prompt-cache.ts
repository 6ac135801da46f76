import { hashString } from '../text-generator.js';

const MIN_CACHED_PROMPT = 1024;
const CACHE_STEP = 128;

/**
 * Simulates automatic prompt caching: a prompt of at least 1,024 tokens seen before reports cached tokens (1,024
 * plus whole 128-token steps), as the real API does from the second identical request on. Bounded, oldest first out.
 */
export class PromptCache {
  #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit = 4096) {
    this.#limit = limit;
  }

  /** Cached tokens for this prompt (0 the first time, or when it is too short), and remembers it. */
  cachedTokens(model: string, promptText: string, promptTokens: number): number {
    if (promptTokens < MIN_CACHED_PROMPT) return 0;
    const key = `${model}:${hashString(promptText)}:${promptText.length}`;
    if (this.#seen.has(key))
      return MIN_CACHED_PROMPT + Math.floor((promptTokens - MIN_CACHED_PROMPT) / CACHE_STEP) * CACHE_STEP;
    if (this.#seen.size >= this.#limit) this.#seen.delete(this.#seen.values().next().value as string);
    this.#seen.add(key);
    return 0;
  }
}
