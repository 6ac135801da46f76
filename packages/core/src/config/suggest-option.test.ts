import { describe, expect, it } from 'vitest';
import { suggestOption } from './suggest-option.js';
import { unknownOptionIssues } from './unknown-option-issues.js';

describe('suggestOption', () => {
  const known = ['apiKey', 'baseURL', 'organization', 'project', 'timeoutMs'];

  it('finds the option a typo was meant to be', () => {
    expect(suggestOption('organisation', known)).toBe('organization');
    expect(suggestOption('apikey', known)).toBe('apiKey');
    expect(suggestOption('baseUrl', known)).toBe('baseURL');
    expect(suggestOption('timeout', known)).toBe('timeoutMs');
  });

  it('suggests the name a truncated or extended one stands for', () => {
    expect(suggestOption('wasmModule', ['wasm', 'encodings', 'ranks'])).toBe('wasm');
    expect(suggestOption('apiKeyFromEnvironment', known)).toBe('apiKey');
    expect(suggestOption('org', ['organization'])).toBeUndefined();
  });

  it('suggests nothing for a name far from every option', () => {
    expect(suggestOption('temperature', known)).toBeUndefined();
    expect(suggestOption('x', [])).toBeUndefined();
  });
});

describe('unknownOptionIssues', () => {
  it('names each unknown key once, with a hint or the known names, under its prefix', () => {
    expect(unknownOptionIssues({ apiKey: 'k', apikee: 1, zzz: 2 }, ['apiKey', 'baseURL'], 'openai')).toEqual([
      { path: 'openai.apikee', message: 'is not a known option (did you mean apiKey?)' },
      { path: 'openai.zzz', message: 'is not a known option (known: apiKey, baseURL)' },
    ]);
    expect(unknownOptionIssues({ x: 1 }, [])).toEqual([{ path: 'x', message: 'is not a known option' }]);
    expect(unknownOptionIssues(undefined, ['a'])).toEqual([]);
    expect(unknownOptionIssues('text', ['a'])).toEqual([]);
  });
});
