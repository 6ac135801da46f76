import type { ChatResponse } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createScorer } from './scorers.js';

const answer = (text: string) => ({ text }) as ChatResponse;

describe('scorers', () => {
  it('words: the share of expected words in the answer, ignoring case and punctuation', () => {
    const score = createScorer('words');
    expect(score(answer('It was Alexander Graham Bell.'), { variables: {}, expected: 'Alexander Graham Bell' })).toBe(
      1,
    );
    expect(score(answer('Bell, I think'), { variables: {}, expected: 'Alexander Graham Bell' })).toBeCloseTo(1 / 3);
    expect(score(answer('anything'), { variables: {}, expected: '...' })).toBe(1);
  });

  it('contains: the whole expected phrase, on word boundaries', () => {
    const score = createScorer('contains');
    expect(score(answer('The Pacific Ocean, surely.'), { variables: {}, expected: 'pacific ocean' })).toBe(1);
    expect(score(answer('Pacifica'), { variables: {}, expected: 'Pacific' })).toBe(0);
  });

  it('exact: the same words and nothing else', () => {
    const score = createScorer('exact');
    expect(score(answer('Paris.'), { variables: {}, expected: 'paris' })).toBe(1);
    expect(score(answer('Paris, France'), { variables: {}, expected: 'Paris' })).toBe(0);
    expect(score(answer('9'), { variables: {}, expected: 9 })).toBe(1);
  });

  it('without an expected answer, any answer scores 1', () => {
    expect(createScorer('exact')(answer('hi'), { variables: {} })).toBe(1);
    expect(createScorer('words')(answer(''), { variables: {} })).toBe(0);
  });
});
