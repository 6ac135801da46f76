import { describe, expect, it } from 'vitest';

describe('cold import', () => {
  it('does not instantiate the WASM encoder until something is counted', async () => {
    const api = await import('./index.js');
    const { isWasmReady, hasRankData } = await import('./runtime/tiktoken-runtime.js');
    expect(isWasmReady()).toBe(false);
    api.resolveModelEncoding('gpt-4o');
    expect(isWasmReady()).toBe(false);
    expect(api.countTokens('hello world', { model: 'gpt-4o' })).toBe(2);
    expect(isWasmReady()).toBe(true);
    expect(hasRankData('o200k_base')).toBe(true);
    expect(hasRankData('r50k_base')).toBe(false);
    api.dispose();
  });
});
