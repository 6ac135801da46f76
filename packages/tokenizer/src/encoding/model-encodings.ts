import type { EncodingName } from '@switchboard/core';

/**
 * Encodings of models the core catalog does not list (older, retired or niche ones), by model id or id prefix.
 * Source: tiktoken's `model_to_encoding.json` and `tiktoken/model.py` (MODEL_TO_ENCODING, MODEL_PREFIX_TO_ENCODING).
 * The catalog is consulted first; an entry here wins only when it matches a longer part of the name, so
 * `o3-pro-2025-06-10` is matched as `o3-pro` although the catalog's `o3` also prefixes it.
 */
export const MODEL_ENCODINGS: Readonly<Record<string, EncodingName>> = {
  o1: 'o200k_base',
  'o1-mini': 'o200k_base',
  'o1-preview': 'o200k_base',
  'o1-pro': 'o200k_base',
  'o3-mini': 'o200k_base',
  'o3-pro': 'o200k_base',
  'o4-mini': 'o200k_base',
  'chatgpt-4o-latest': 'o200k_base',
  'gpt-4o-realtime': 'o200k_base',
  'gpt-4o-audio': 'o200k_base',
  'gpt-5-chat-latest': 'o200k_base',
  'gpt-5-codex': 'o200k_base',
  'codex-mini-latest': 'o200k_base',
  'computer-use-preview': 'o200k_base',
  'gpt-oss': 'o200k_base',
  'gpt-3.5-turbo': 'cl100k_base',
  'gpt-35-turbo': 'cl100k_base',
  'gpt-4': 'cl100k_base',
  'gpt-4-32k': 'cl100k_base',
  'davinci-002': 'cl100k_base',
  'babbage-002': 'cl100k_base',
  'text-embedding-ada-002': 'cl100k_base',
  'text-embedding-3': 'cl100k_base',
  'text-davinci-003': 'p50k_base',
  'text-davinci-002': 'p50k_base',
  'code-davinci': 'p50k_base',
  'code-cushman': 'p50k_base',
  'davinci-codex': 'p50k_base',
  'cushman-codex': 'p50k_base',
  'text-davinci-001': 'r50k_base',
  'text-curie-001': 'r50k_base',
  'text-babbage-001': 'r50k_base',
  'text-ada-001': 'r50k_base',
  davinci: 'r50k_base',
  curie: 'r50k_base',
  babbage: 'r50k_base',
  ada: 'r50k_base',
  'text-similarity': 'r50k_base',
  'text-search': 'r50k_base',
  'code-search': 'r50k_base',
};

/** `ft:gpt-4o-mini-2024-07-18:org::abc` → `gpt-4o-mini-2024-07-18`; other names unchanged. */
export function baseModelName(model: string): string {
  return model.startsWith('ft:') ? (model.split(':')[1] ?? model) : model;
}

/**
 * Whether `id` is `model` or a prefix of it that ends where a name part ends: `gpt-4o` prefixes
 * `gpt-4o-2024-08-06` and `gpt-4o:deployment` but not `gpt-4o1`; `gpt-5` prefixes `gpt-5.1`.
 */
export function isModelPrefix(id: string, model: string): boolean {
  if (!model.startsWith(id)) return false;
  if (model.length === id.length) return true;
  const next = model.charAt(id.length);
  return next === '-' || next === '.' || next === ':' || next === '@' || next === '_';
}

/** The longest key of `table` that is `model` or prefixes it, or undefined. */
export function longestModelPrefix(table: Readonly<Record<string, unknown>>, model: string): string | undefined {
  let best: string | undefined;
  for (const id of Object.keys(table)) {
    if (isModelPrefix(id, model) && (best === undefined || id.length > best.length)) best = id;
  }
  return best;
}
