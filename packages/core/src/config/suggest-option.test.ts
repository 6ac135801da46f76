import { describe, expect, it } from 'vitest';
import { suggestOption } from './suggest-option.js';

describe('suggestOption', () => {
  const known = ['apiKey', 'baseURL', 'organization', 'project', 'timeoutMs'];

  it('finds the option a typo was meant to be', () => {
    expect(suggestOption('organisation', known)).toBe('organization');
    expect(suggestOption('apikey', known)).toBe('apiKey');
    expect(suggestOption('baseUrl', known)).toBe('baseURL');
    expect(suggestOption('timeout', known)).toBe('timeoutMs');
  });

  it('suggests nothing for a name far from every option', () => {
    expect(suggestOption('temperature', known)).toBeUndefined();
    expect(suggestOption('x', [])).toBeUndefined();
  });
});
