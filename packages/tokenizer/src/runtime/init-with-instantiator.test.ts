import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { countTokens, dispose } from '../index.js';
import { initTokenizer } from './init-tokenizer.js';
import { resetRuntimeForTests } from './tiktoken-runtime.js';

const wasmBytes = readFileSync(createRequire(import.meta.url).resolve('tiktoken/lite/tiktoken_bg.wasm'));

describe('initTokenizer with an instantiating function (Vite ?init)', () => {
  it('calls it once with the imports tiktoken needs and counts afterwards', async () => {
    resetRuntimeForTests();
    const seen: WebAssembly.Imports[] = [];
    const instantiate = (imports: WebAssembly.Imports) => {
      seen.push(imports);
      return WebAssembly.instantiate(wasmBytes, imports);
    };
    await initTokenizer({ wasm: instantiate });
    await initTokenizer({ wasm: instantiate, encodings: ['cl100k_base'] });
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0] ?? {})).toEqual(['./tiktoken_bg.js']);
    expect(countTokens('tiktoken is great!')).toBe(6);
    expect(countTokens('tiktoken is great!', { encoding: 'cl100k_base' })).toBe(6);
    dispose();
  });
});
