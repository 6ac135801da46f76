import { ConfigError, type EncodingName } from '@switchboard/core';
import * as lite from 'tiktoken/lite/init';
import type { RankData } from './rank-data.js';

/** Instantiates the module with the imports it is given, as Vite's `?init` imports do. */
export type WasmInstantiator = (
  imports: WebAssembly.Imports,
) => PromiseLike<WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource>;

/**
 * tiktoken's lite WASM: a compiled module (workers), its bytes (esbuild's `binary` loader), a fetch response (or a
 * promise of one) whose body is the bytes, or a function that instantiates it with the given imports (Vite `?init`).
 */
export type WasmSource =
  | WebAssembly.Module
  | ArrayBuffer
  | ArrayBufferView
  | Response
  | PromiseLike<Response>
  | WasmInstantiator;

/**
 * What a platform can do synchronously on first use when nothing was initialised explicitly: on Node, read the
 * WASM and rank files that tiktoken ships (registered by the Node entry). Bundles and workers have none.
 */
export interface PlatformLoader {
  /** The bytes of tiktoken's lite WASM module. */
  wasmBytes(): Uint8Array;
  /** The rank data of `encoding`. */
  rankData(encoding: EncodingName): RankData;
}

/** The wasm-bindgen glue's setter, present in tiktoken's lite build but not in its type declarations. */
type LiteGlue = typeof lite & { __wbg_set_wasm?: (exports: WebAssembly.Exports) => void };

let wasmReady = false;
let pending: Promise<void> | undefined;
let platformLoader: PlatformLoader | undefined;
const ranks = new Map<EncodingName, RankData>();

/** Registers the loader used when counting starts before `initTokenizer` (the Node entry does). */
export function setPlatformLoader(loader: PlatformLoader | undefined): void {
  platformLoader = loader;
}

/** Whether the WASM module has been instantiated. */
export function isWasmReady(): boolean {
  return wasmReady;
}

/** Whether the rank data of `encoding` is available. */
export function hasRankData(encoding: EncodingName): boolean {
  return ranks.has(encoding);
}

/** Makes `data` the rank data of `encoding` (later encoders use it; existing ones keep theirs). */
export function registerRankData(encoding: EncodingName, data: RankData): void {
  ranks.set(encoding, data);
}

/**
 * Instantiates tiktoken's lite WASM through its documented `init` hook. Concurrent calls share one instantiation;
 * once instantiated, later calls are no-ops.
 */
export function instantiateWasm(source: WasmSource): Promise<void> {
  if (wasmReady) return Promise.resolve();
  pending ??= lite
    .init((imports) => instantiate(source, imports))
    .then(
      () => {
        wasmReady = true;
      },
      (error: unknown) => {
        pending = undefined;
        throw new ConfigError({
          issues: [{ path: 'wasm', message: `could not instantiate tiktoken's WASM module: ${describe(error)}` }],
          cause: error,
        });
      },
    );
  return pending;
}

async function instantiate(
  source: WasmSource,
  imports: WebAssembly.Imports,
): Promise<WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource> {
  if (typeof source === 'function') return source(imports);
  const resolved = await source;
  if (resolved instanceof WebAssembly.Module) return WebAssembly.instantiate(resolved, imports);
  if (typeof Response !== 'undefined' && resolved instanceof Response) {
    if (!resolved.ok) throw new Error(`fetching the WASM module answered HTTP ${resolved.status}`);
    return WebAssembly.instantiate(await resolved.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(resolved as BufferSource, imports);
}

/**
 * A tiktoken encoder for `encoding`. Uses what `initTokenizer` prepared; anything missing is loaded synchronously by
 * the platform loader when there is one, and otherwise a ConfigError says how to initialise.
 */
export function createTiktoken(encoding: EncodingName): lite.Tiktoken {
  ensureWasm();
  const data = rankDataOf(encoding);
  return new lite.Tiktoken(data.bpe_ranks, data.special_tokens, data.pat_str);
}

/** The rank data of `encoding`, loaded through the platform loader if needed. */
export function rankDataOf(encoding: EncodingName): RankData {
  let data = ranks.get(encoding);
  if (!data) {
    if (!platformLoader) throw notInitialised(`the ${encoding} rank data is not loaded`, encoding);
    data = platformLoader.rankData(encoding);
    ranks.set(encoding, data);
  }
  return data;
}

/** Instantiates the WASM synchronously through the platform loader unless it is ready; throws the how-to otherwise. */
export function ensureWasm(): void {
  if (wasmReady) return;
  if (!platformLoader) throw notInitialised("tiktoken's WASM module is not initialised", 'o200k_base');
  const glue = lite as LiteGlue;
  /* c8 ignore next 3 -- only if a tiktoken release renames wasm-bindgen's setter */
  if (typeof glue.__wbg_set_wasm !== 'function') {
    throw notInitialised('this tiktoken build cannot be initialised synchronously', 'o200k_base');
  }
  const module = new WebAssembly.Module(platformLoader.wasmBytes() as BufferSource);
  const instance = new WebAssembly.Instance(module, {
    './tiktoken_bg.js': glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  wasmReady = true;
}

function notInitialised(problem: string, encoding: EncodingName): ConfigError {
  return new ConfigError({
    issues: [
      {
        path: 'tokenizer',
        message: `${problem}: call \`await initTokenizer({ wasm, encodings: ['${encoding}'] })\` before counting (outside Node the WASM module must be passed in; see the README's "Runtimes")`,
      },
    ],
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Forgets the platform loader and the registered rank data (for tests of the uninitialised paths). */
export function resetRuntimeForTests(): PlatformLoader | undefined {
  const loader = platformLoader;
  platformLoader = undefined;
  ranks.clear();
  return loader;
}
