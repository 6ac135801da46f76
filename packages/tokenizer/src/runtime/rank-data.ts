import type { EncodingName } from '@switchboard/core';

/**
 * An encoding's data in the shape of tiktoken's `tiktoken/encoders/<name>.json` files (and the default export of
 * `tiktoken/encoders/<name>`): the compact rank list, the special tokens and the pre-tokenizer pattern.
 */
export interface RankData {
  /** Space-separated base64 tokens; ranks count up from the number after each `!` marker. */
  bpe_ranks: string;
  /** Special-token strings and their ids. */
  special_tokens: Record<string, number>;
  /** The pre-tokenizer pattern, in the Rust regex dialect tiktoken compiles. */
  pat_str: string;
}

/**
 * Imports the rank data tiktoken ships for `encoding`. Each specifier is a literal so that bundlers (esbuild, Vite,
 * Rollup, webpack, wrangler) include the file and split it into its own chunk, loaded only when asked for.
 */
export async function importRankData(encoding: EncodingName): Promise<RankData> {
  const module = await importEncoder(encoding);
  return module.default;
}

// tiktoken declares these files as ES modules while Node loads their CommonJS build: either way `default` is the data.
function importEncoder(encoding: EncodingName): Promise<{ default: RankData }> {
  return importEncoderModule(encoding) as Promise<unknown> as Promise<{ default: RankData }>;
}

function importEncoderModule(encoding: EncodingName): Promise<unknown> {
  switch (encoding) {
    case 'o200k_base':
      return import('tiktoken/encoders/o200k_base');
    case 'cl100k_base':
      return import('tiktoken/encoders/cl100k_base');
    case 'p50k_base':
      return import('tiktoken/encoders/p50k_base');
    case 'r50k_base':
      return import('tiktoken/encoders/r50k_base');
  }
}

/** Whether `value` has the shape of a rank file (checked before handing it to the WASM parser). */
export function isRankData(value: unknown): value is RankData {
  const data = value as Partial<RankData> | null;
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof data.bpe_ranks === 'string' &&
    typeof data.pat_str === 'string' &&
    typeof data.special_tokens === 'object' &&
    data.special_tokens !== null
  );
}
