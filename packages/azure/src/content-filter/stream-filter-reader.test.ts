import type { ChatCompletionChunk, ContentFilterResultsForChoiceOutput } from '@azure/openai/types';
import type { ChunkMetadataReader } from '@switchboard/openai/internal';
import { describe, expect, it } from 'vitest';
import { createStreamFilterReader } from './stream-filter-reader.js';

const SAFE = { filtered: false, severity: 'safe' };

/** Chunks typed with @azure/openai's declarations of the Azure fields, so the fixtures have the official shape. */
function chunk(results: ContentFilterResultsForChoiceOutput, content = 'x'): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { content }, finish_reason: null, content_filter_results: results }],
  };
}

/** A chunk as the shared stream code hands it to the reader (the JSON as received). */
const parse = (value: unknown) => value as Parameters<ChunkMetadataReader>[0];

const promptChunk = {
  choices: [],
  created: 0,
  id: '',
  model: '',
  object: '',
  prompt_filter_results: [
    { prompt_index: 0, content_filter_results: { hate: SAFE, jailbreak: { filtered: false, detected: false } } },
  ],
};

describe('createStreamFilterReader', () => {
  it('reports the prompt verdicts of the first chunk', () => {
    const read = createStreamFilterReader();
    expect(read(parse(promptChunk))).toEqual({
      promptFilterResults: [
        { promptIndex: 0, contentFilterResults: { hate: SAFE, jailbreak: { filtered: false, detected: false } } },
      ],
    });
  });

  it('folds the choice verdicts into the most severe per category and reports only changes', () => {
    const read = createStreamFilterReader();
    const safe = { hate: SAFE, violence: SAFE };
    expect(read(parse(chunk({})))).toBeUndefined();
    expect(read(parse(chunk(safe)))).toEqual({ contentFilterResults: safe });
    expect(read(parse(chunk(safe)))).toBeUndefined();
    expect(read(parse(chunk({ violence: { filtered: false, severity: 'low' } })))).toEqual({
      contentFilterResults: { hate: SAFE, violence: { filtered: false, severity: 'low' } },
    });
    // A milder verdict later does not hide the earlier one.
    expect(read(parse(chunk({ violence: SAFE })))).toBeUndefined();
    expect(
      read(
        parse(
          chunk({
            violence: { filtered: true, severity: 'medium' },
            protected_material_text: { filtered: false, detected: true },
          }),
        ),
      ),
    ).toEqual({
      contentFilterResults: {
        hate: SAFE,
        violence: { filtered: true, severity: 'medium' },
        protected_material_text: { filtered: false, detected: true },
      },
    });
  });

  it('keeps state per stream', () => {
    const first = createStreamFilterReader();
    first(parse(chunk({ hate: { filtered: true, severity: 'high' } })));
    expect(createStreamFilterReader()(parse(chunk({ hate: SAFE })))).toEqual({ contentFilterResults: { hate: SAFE } });
  });

  it('ignores chunks without Azure fields, or with fields of the wrong shape', () => {
    const read = createStreamFilterReader();
    expect(read(parse({ id: 'c', choices: [{ index: 0, delta: { content: 'a' } }] }))).toBeUndefined();
    expect(read(parse({ prompt_filter_results: 'nope' }))).toBeUndefined();
  });
});
