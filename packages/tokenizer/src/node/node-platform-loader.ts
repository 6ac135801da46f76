import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EncodingName } from '@switchboard/core';
import type { RankData } from '../runtime/rank-data.js';
import type { PlatformLoader } from '../runtime/tiktoken-runtime.js';

/**
 * Node's loader: reads tiktoken's lite WASM and rank files from the installed package, synchronously, on the first
 * count, so Node users need no setup and importing the package stays cheap. Node-only (file system and module
 * resolution), so it lives behind the package's `node` export condition and never reaches a browser or worker bundle.
 */
export const nodePlatformLoader: PlatformLoader = {
  wasmBytes: () => readFileSync(resolveTiktokenFile('tiktoken/lite/tiktoken_bg.wasm')),
  rankData: (encoding: EncodingName) =>
    JSON.parse(readFileSync(resolveTiktokenFile(`tiktoken/encoders/${encoding}.json`), 'utf8')) as RankData,
};

function resolveTiktokenFile(specifier: string): string {
  // Package resolution of a data file (not a module load): Node has no other synchronous way to find it.
  return createRequire(import.meta.url).resolve(specifier);
}
