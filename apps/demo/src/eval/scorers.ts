import type { EvaluationItem, Scorer } from '@switchboard/batch';
import type { ChatResponse } from '@switchboard/core';

/** The scorers `eval --scorer` offers. */
export const SCORER_NAMES = ['words', 'contains', 'exact'] as const;

/** One of {@link SCORER_NAMES}. */
export type ScorerName = (typeof SCORER_NAMES)[number];

/**
 * `words`: the share of the expected answer's words found in the answer; `contains`: 1 when the whole expected text
 * appears in it; `exact`: 1 when the answer is the expected text. All ignore case, punctuation and spacing; an item
 * without `expected` scores 1 when there is any answer at all.
 */
export function createScorer(name: ScorerName): Scorer {
  return (response: ChatResponse, item: EvaluationItem) => {
    const answer = normalize(response.text);
    if (item.expected === undefined) return answer ? 1 : 0;
    const expected = normalize(String(item.expected));
    if (name === 'exact') return answer === expected ? 1 : 0;
    if (name === 'contains') return ` ${answer} `.includes(` ${expected} `) ? 1 : 0;
    const wanted = [...new Set(expected.split(' ').filter(Boolean))];
    if (wanted.length === 0) return 1;
    const found = new Set(answer.split(' '));
    return wanted.filter((word) => found.has(word)).length / wanted.length;
  };
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
