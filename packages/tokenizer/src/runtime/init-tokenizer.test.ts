import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError, isSwitchboardError } from '@switchboard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTokens, dispose, encodeTokens } from '../index.js';
import { initTokenizer } from './init-tokenizer.js';
import { isWasmReady, resetRuntimeForTests, setPlatformLoader } from './tiktoken-runtime.js';

// These tests run as a bundle or a worker would: without the Node loader the setup file registered.
const require = createRequire(import.meta.url);
const wasmBytes = readFileSync(require.resolve('tiktoken/lite/tiktoken_bg.wasm'));
const cl100k = JSON.parse(readFileSync(require.resolve('tiktoken/encoders/cl100k_base.json'), 'utf8'));

beforeAll(() => {
  resetRuntimeForTests();
});

describe('initTokenizer outside Node', () => {
  it('fails with a ConfigError saying how to initialise when counting starts first', () => {
    expect(isWasmReady()).toBe(false);
    const error = (() => {
      try {
        countTokens('hello');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(isSwitchboardError(error)).toBe(true);
    expect((error as Error).message).toMatch(/initTokenizer\(\{ wasm/);
  });

  it('fails without a module when no platform loader exists', async () => {
    await expect(initTokenizer()).rejects.toThrow(/not initialised/);
  });

  it('names every problem with its options at once, with a did-you-mean hint', async () => {
    const error = await initTokenizer({
      wasmModule: wasmBytes,
      encodings: ['o200k_base', 'gpt5_base'],
      ranks: { cl100k_base: { bpe_ranks: 1 } },
      wasm: 'tiktoken_bg.wasm',
    } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toEqual(['wasmModule', 'encodings[1]', 'ranks.cl100k_base', 'wasm']);
    expect((error as Error).message).toMatch(/did you mean wasm\?/);
    await expect(initTokenizer(null as never)).rejects.toThrow(ConfigError);
    await expect(initTokenizer({ encodings: 'o200k_base', ranks: 3 } as never)).rejects.toMatchObject({
      issues: [{ path: 'encodings' }, { path: 'ranks' }],
    });
    await expect(initTokenizer({ ranks: { x50k: cl100k } } as never)).rejects.toMatchObject({
      issues: [{ path: 'ranks.x50k' }],
    });
  });

  it('reports a module that does not instantiate as a ConfigError', async () => {
    await expect(initTokenizer({ wasm: new Uint8Array([0, 1, 2, 3]) })).rejects.toMatchObject({
      code: 'config',
      issues: [{ path: 'wasm' }],
    });
    await expect(initTokenizer({ wasm: Promise.resolve(new Response('missing', { status: 404 })) })).rejects.toThrow(
      /HTTP 404/,
    );
    expect(isWasmReady()).toBe(false);
  });

  it('takes a compiled WebAssembly.Module, as workers pass it, and imports the rank data a bundler includes', async () => {
    const module = await WebAssembly.compile(wasmBytes);
    await Promise.all([initTokenizer({ wasm: module }), initTokenizer({ wasm: module })]);
    expect(isWasmReady()).toBe(true);
    expect(countTokens('tiktoken is great!')).toBe(6);
    // Long runs (the JS merge) work from the same rank data.
    expect(countTokens('a'.repeat(20_000))).toBe(2500);
  });

  it('accepts user-loaded rank data, and says which encoding is missing', async () => {
    expect(() => countTokens('hello', { encoding: 'p50k_base' })).toThrow(/p50k_base rank data is not loaded/);
    await initTokenizer({ ranks: { cl100k_base: cl100k } });
    expect([...encodeTokens('tiktoken is great!', { encoding: 'cl100k_base' })]).toEqual([
      83, 1609, 5963, 374, 2294, 0,
    ]);
    await initTokenizer({ wasm: new Response(wasmBytes), encodings: ['r50k_base'] });
    expect(countTokens('hello world', { encoding: 'r50k_base' })).toBe(2);
    dispose();
  });

  it('initialises through the platform loader on Node without a module', async () => {
    const { nodePlatformLoader } = await import('../node/node-platform-loader.js');
    setPlatformLoader(nodePlatformLoader);
    await expect(initTokenizer({ encodings: [] })).resolves.toBeUndefined();
    expect(countTokens('hello world', { encoding: 'p50k_base' })).toBe(2);
    setPlatformLoader(undefined);
    dispose();
  });
});
