import { ConfigError, type ConfigIssue, type EncodingName, unknownOptionIssues } from '@switchboard/core';
import { ENCODING_NAMES, isEncodingName } from '../encoding/encoding-names.js';
import { importRankData, isRankData, type RankData } from './rank-data.js';
import { ensureWasm, instantiateWasm, registerRankData, type WasmSource } from './tiktoken-runtime.js';

/** Options of `initTokenizer`. */
export interface InitTokenizerOptions {
  /**
   * tiktoken's lite WASM (`tiktoken/lite/tiktoken_bg.wasm`): a compiled `WebAssembly.Module` (what Cloudflare
   * Workers' `.wasm` imports give), its bytes, a fetch `Response`, or an instantiating function (Vite's `?init`).
   * Optional on Node, where the file is read from the installed package.
   */
  wasm?: WasmSource;
  /**
   * Encodings whose rank data is imported now from `tiktoken/encoders/<name>` (a bundler includes those files).
   * Default: `['o200k_base']`, or none when `ranks` is given.
   */
  encodings?: readonly EncodingName[];
  /** Rank data you load yourself (e.g. fetched `tiktoken/encoders/<name>.json`), by encoding. */
  ranks?: Partial<Record<EncodingName, RankData>>;
}

const KNOWN_OPTIONS = ['wasm', 'encodings', 'ranks'] as const;

/**
 * Prepares counting: instantiates tiktoken's WASM and loads rank data, so the synchronous counting functions work
 * afterwards. Required in bundles, workers and browsers (see the README's "Runtimes"); optional on Node, where the
 * first count loads both from the installed `tiktoken` package. Safe to call more than once (to add encodings).
 * Throws ConfigError naming every problem with the options.
 */
export async function initTokenizer(options: InitTokenizerOptions = {}): Promise<void> {
  const issues = checkOptions(options);
  if (issues.length > 0) throw new ConfigError({ issues });
  const { wasm, ranks = {} } = options;
  const encodings = options.encodings ?? (options.ranks ? [] : ['o200k_base']);
  // Without a module: instantiate now through the platform loader (Node), or fail with the how-to error.
  if (wasm === undefined) ensureWasm();
  const loading = encodings
    .filter((encoding) => ranks[encoding] === undefined)
    .map(async (encoding) => registerRankData(encoding, await importRankData(encoding)));
  await Promise.all([wasm === undefined ? undefined : instantiateWasm(wasm), ...loading]);
  for (const [encoding, data] of Object.entries(ranks)) registerRankData(encoding as EncodingName, data);
}

function checkOptions(options: InitTokenizerOptions): ConfigIssue[] {
  if (typeof options !== 'object' || options === null) {
    return [{ path: 'options', message: 'expected an options object' }];
  }
  const issues = unknownOptionIssues(options, KNOWN_OPTIONS);
  if (options.encodings !== undefined) {
    if (!Array.isArray(options.encodings)) {
      issues.push({ path: 'encodings', message: `expected an array of ${ENCODING_NAMES.join(', ')}` });
    } else {
      options.encodings.forEach((name, index) => {
        if (!isEncodingName(String(name))) {
          issues.push({ path: `encodings[${index}]`, message: `unknown encoding ${JSON.stringify(name)}` });
        }
      });
    }
  }
  if (options.ranks !== undefined) {
    if (typeof options.ranks !== 'object' || options.ranks === null) {
      issues.push({ path: 'ranks', message: 'expected an object of rank data by encoding name' });
    } else {
      for (const [name, data] of Object.entries(options.ranks)) {
        if (!isEncodingName(name)) issues.push({ path: `ranks.${name}`, message: 'unknown encoding' });
        else if (!isRankData(data)) {
          issues.push({ path: `ranks.${name}`, message: 'expected { bpe_ranks, special_tokens, pat_str }' });
        }
      }
    }
  }
  const wasm = options.wasm;
  if (wasm !== undefined && !isWasmSourceLike(wasm)) {
    issues.push({
      path: 'wasm',
      message:
        'expected a WebAssembly.Module, an ArrayBuffer or typed array of its bytes, a fetch Response, or a function that instantiates it',
    });
  }
  return issues;
}

function isWasmSourceLike(value: unknown): boolean {
  if (value instanceof WebAssembly.Module || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (typeof value === 'function') return true;
  if (typeof Response !== 'undefined' && value instanceof Response) return true;
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
