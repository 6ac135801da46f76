import { ModelCatalog } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { isEncodingName } from './encoding-names.js';
import { baseModelName, isModelPrefix } from './model-encodings.js';
import { resolveEncoding } from './resolve-encoding.js';

describe('resolveEncoding', () => {
  const catalog = new ModelCatalog();
  catalog.alias('prod-chat', 'gpt-4o');
  catalog.alias('legacy-chat', 'gpt-4');

  it.each([
    ['gpt-4o', 'o200k_base', 'catalog', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'o200k_base', 'catalog', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base', 'catalog', 'gpt-4o-mini'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base', 'catalog', 'gpt-4o-mini'],
    ['ft:gpt-3.5-turbo-0125:acme::abc123', 'cl100k_base', 'catalog', 'gpt-3.5-turbo'],
    ['gpt-5.1', 'o200k_base', 'catalog', 'gpt-5.1'],
    ['gpt-5.2-2025-12-11', 'o200k_base', 'catalog', 'gpt-5.2'],
    ['gpt-5.3', 'o200k_base', 'catalog', 'gpt-5'],
    ['gpt-4.1-nano-2025-04-14', 'o200k_base', 'catalog', 'gpt-4.1-nano'],
    ['gpt-4-0613', 'cl100k_base', 'catalog', 'gpt-4'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base', 'catalog', 'gpt-4-turbo'],
    ['gpt-35-turbo', 'cl100k_base', 'catalog', 'gpt-3.5-turbo'],
    ['prod-chat', 'o200k_base', 'catalog', 'gpt-4o'],
    ['legacy-chat', 'cl100k_base', 'catalog', 'gpt-4'],
    ['o3-pro', 'o200k_base', 'known-model', 'o3-pro'],
    ['o3-pro-2025-06-10', 'o200k_base', 'known-model', 'o3-pro'],
    ['o1-mini', 'o200k_base', 'known-model', 'o1-mini'],
    ['gpt-4.5-preview', 'o200k_base', 'catalog', 'gpt-4.5'],
    ['chatgpt-4o-latest', 'o200k_base', 'known-model', 'chatgpt-4o-latest'],
    ['text-davinci-003', 'p50k_base', 'known-model', 'text-davinci-003'],
    ['davinci', 'r50k_base', 'known-model', 'davinci'],
    ['text-embedding-3-small', 'cl100k_base', 'catalog', 'text-embedding-3-small'],
  ])('%s → %s (%s)', (model, encoding, source, matchedModel) => {
    expect(resolveEncoding(model, catalog)).toEqual({ encoding, source, matchedModel });
  });

  it('falls back to o200k_base for unknown names without throwing', () => {
    for (const model of ['my-deployment', '', 'gpt-4o1', '   ', 'ft:', 'claude-3']) {
      expect(resolveEncoding(model, catalog)).toEqual({
        encoding: 'o200k_base',
        source: 'default',
        matchedModel: undefined,
      });
    }
  });
});

describe('model name helpers', () => {
  it('matches prefixes only at name boundaries', () => {
    expect(isModelPrefix('gpt-4o', 'gpt-4o')).toBe(true);
    expect(isModelPrefix('gpt-4o', 'gpt-4o-mini')).toBe(true);
    expect(isModelPrefix('gpt-5', 'gpt-5.1')).toBe(true);
    expect(isModelPrefix('gpt-4o', 'gpt-4o1')).toBe(false);
    expect(isModelPrefix('gpt-4o', 'gpt-4')).toBe(false);
  });

  it('strips fine-tune prefixes', () => {
    expect(baseModelName('ft:gpt-4o:org::x')).toBe('gpt-4o');
    expect(baseModelName('gpt-4o')).toBe('gpt-4o');
  });

  it('knows its encoding names', () => {
    expect(isEncodingName('o200k_base')).toBe(true);
    expect(isEncodingName('gpt2')).toBe(false);
  });
});
