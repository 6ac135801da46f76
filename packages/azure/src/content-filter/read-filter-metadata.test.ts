import type { ChatCompletion } from '@azure/openai/types';
import { describe, expect, it } from 'vitest';
import { readFilterMetadata } from './read-filter-metadata.js';

const SAFE = { filtered: false, severity: 'safe' };

describe('readFilterMetadata', () => {
  it('reads prompt_filter_results and choice 0 content_filter_results of a completion', () => {
    const completion: ChatCompletion = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: SAFE, sexual: SAFE } }],
      choices: [
        {
          index: 1,
          message: { role: 'assistant', content: 'b', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
          content_filter_results: { hate: { filtered: true, severity: 'high' } },
        },
        {
          index: 0,
          message: { role: 'assistant', content: 'a', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
          content_filter_results: {
            hate: SAFE,
            profanity: { filtered: false, detected: false },
            protected_material_code: { filtered: false, detected: true, URL: 'https://example.com', license: 'MIT' },
          },
        },
      ],
    };
    expect(readFilterMetadata(completion)).toEqual({
      promptFilterResults: [{ promptIndex: 0, contentFilterResults: { hate: SAFE, sexual: SAFE } }],
      contentFilterResults: {
        hate: SAFE,
        profanity: { filtered: false, detected: false },
        protected_material_code: { filtered: false, detected: true },
      },
    });
  });

  it('numbers prompts by position when prompt_index is missing; leaves out empty parts', () => {
    expect(
      readFilterMetadata({ prompt_filter_results: [{ content_filter_results: { hate: SAFE } }], choices: [] }),
    ).toEqual({
      promptFilterResults: [{ promptIndex: 0, contentFilterResults: { hate: SAFE } }],
    });
    expect(
      readFilterMetadata({ prompt_filter_results: [], choices: [{ content_filter_results: {} }] }),
    ).toBeUndefined();
    expect(readFilterMetadata({ choices: [{ index: 0 }] })).toBeUndefined();
    expect(readFilterMetadata('not an object')).toBeUndefined();
  });
});
