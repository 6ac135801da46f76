import { describe, expect, it } from 'vitest';

describe('cold import', () => {
  it('does not load the WASM encoder until something is counted', async () => {
    const api = await import('./index.js');
    const { isTiktokenLoaded } = await import('./encoding/load-tiktoken.js');
    expect(isTiktokenLoaded()).toBe(false);
    api.resolveModelEncoding('gpt-4o');
    expect(isTiktokenLoaded()).toBe(false);
    expect(api.countTokens('hello world', { model: 'gpt-4o' })).toBe(2);
    expect(isTiktokenLoaded()).toBe(true);
    api.dispose();
  });
});
