/**
 * Deterministic text: the same prompt, model and seed always give the same answer, different prompts give different
 * answers. Answers are lists of tokens (one streamed chunk each), so usage counts and streams agree exactly.
 */

const WORDS = [
  'the',
  'signal',
  'routes',
  'through',
  'a',
  'quiet',
  'switchboard',
  'where',
  'every',
  'line',
  'carries',
  'one',
  'careful',
  'answer',
  'and',
  'operators',
  'listen',
  'for',
  'patterns',
  'in',
  'static',
  'while',
  'cables',
  'hum',
  'softly',
  'under',
  'amber',
  'lamps',
  'so',
  'calls',
  'find',
  'their',
  'way',
  'home',
  'before',
  'morning',
  'light',
  'returns',
  'to',
  'harbour',
  'towns',
  'with',
  'clear',
  'skies',
  'gentle',
  'wind',
  'bright',
  'paper',
  'maps',
  'measured',
  'steps',
  'small',
  'lanterns',
  'steady',
  'hands',
  'open',
  'windows',
  'distant',
  'bells',
  'new',
  'ideas',
];

/** 32-bit FNV-1a hash of a string, mixed with a seed. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A small, fast seeded PRNG (mulberry32) returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rough token count of a text (about four characters per token, like English with cl100k/o200k). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** How answers are drawn: the prompt they answer, a seed, and the choice index for `n > 1`. */
export interface AnswerInput {
  /** The text the answer is derived from (usually the last user message). */
  prompt: string;
  /** The request's seed (or the server's default). */
  seed: number;
  /** Choice index when `n > 1`, so choices differ. */
  index?: number;
  /** Lower and upper bound of the answer length in tokens (inclusive). */
  minTokens?: number;
  maxTokens?: number;
}

const answerCache = new Map<string, readonly string[]>();
const ANSWER_CACHE_LIMIT = 512;

/**
 * The answer as tokens: the first few words of the prompt echoed back, then seeded filler words, ending with a period.
 * Small LRU-ish cache because benchmarks and tests send the same prompts over and over.
 */
export function generateAnswerTokens(input: AnswerInput): readonly string[] {
  const { prompt, seed, index = 0, minTokens = 12, maxTokens = 40 } = input;
  const key = `${seed}\u0000${index}\u0000${minTokens}\u0000${maxTokens}\u0000${prompt}`;
  const cached = answerCache.get(key);
  if (cached) return cached;
  const random = createRandom(hashString(prompt, seed) + index * 7919);
  const echo = prompt
    .replace(/\[mock:[^\]]*\]/g, '')
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6)
    .map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ''))
    .filter((word) => word.length > 0);
  const tokens: string[] = ['Mock', ' answer', ' about'];
  for (const word of echo) tokens.push(` ${word}`);
  tokens.push(':');
  const length = minTokens + Math.floor(random() * (maxTokens - minTokens + 1));
  while (tokens.length < length - 1) tokens.push(` ${WORDS[Math.floor(random() * WORDS.length)]}`);
  tokens.push('.');
  if (answerCache.size >= ANSWER_CACHE_LIMIT) answerCache.delete(answerCache.keys().next().value as string);
  answerCache.set(key, tokens);
  return tokens;
}

/** Splits any text into stream-sized tokens (words with their leading space), for JSON and tool arguments. */
export function splitIntoTokens(text: string): string[] {
  const tokens = text.match(/\s*[^\s]{1,8}/g);
  return tokens ?? (text ? [text] : []);
}
