import type { EncodingName, ModelCatalog } from '@switchboard/core';
import { DEFAULT_ENCODING } from './encoding-names.js';
import { baseModelName, longestModelPrefix, MODEL_ENCODINGS } from './model-encodings.js';

/** Which encoding a model name counts with, and why. */
export interface EncodingResolution {
  /** The encoding. */
  encoding: EncodingName;
  /** The catalog model or known model id that decided it; undefined for an unknown model. */
  matchedModel: string | undefined;
  /** `catalog` (the core catalog, aliases included), `known-model` (this package's table) or `default` (unknown). */
  source: 'catalog' | 'known-model' | 'default';
}

/**
 * Resolves a model name (an id, a dated snapshot, an `ft:` fine-tune, a point release such as `gpt-5.1`, or an Azure
 * deployment name registered with `catalog.alias`) to its encoding: an exact catalog or table entry first, then the
 * longest known prefix, then o200k_base. Never throws.
 */
export function resolveEncoding(model: string, catalog: ModelCatalog): EncodingResolution {
  const base = baseModelName(model);
  const info = catalog.find(model);
  const known = longestModelPrefix(MODEL_ENCODINGS, base);
  // An alias or exact id beats any prefix; a prefix match beats a shorter one from the other table.
  const catalogExact = info !== undefined && (info.id === base || !base.startsWith(info.id));
  if (info && (catalogExact || known === undefined || (known !== base && info.id.length >= known.length))) {
    return { encoding: info.encoding, matchedModel: info.id, source: 'catalog' };
  }
  if (known !== undefined) {
    return { encoding: MODEL_ENCODINGS[known] as EncodingName, matchedModel: known, source: 'known-model' };
  }
  return { encoding: DEFAULT_ENCODING, matchedModel: undefined, source: 'default' };
}
