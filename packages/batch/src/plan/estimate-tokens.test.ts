import { describe, expect, it } from 'vitest';
import { heuristicTokenEstimate } from './estimate-tokens.js';
import { loadTokenizerEstimator } from './load-tokenizer.js';

describe('heuristicTokenEstimate', () => {
  it('counts characters / 4 with the chat format overhead, tools and images', () => {
    expect(heuristicTokenEstimate({ model: 'm', messages: [{ role: 'user', content: 'abcdefgh' }] })).toBe(
      3 + 3 + 1 + 2,
    );
    const tokens = heuristicTokenEstimate({
      model: 'm',
      messages: [
        { role: 'system', content: 'abcd' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'abcd' },
            { type: 'image', image: 'https://x.test/a.png' },
          ],
        },
        { role: 'assistant', content: null, toolCalls: [{ id: '1', name: 'abcd', arguments: '{}' }] },
        { role: 'tool', toolCallId: '1', content: 'abcd' },
      ],
      tools: [{ name: 'f', parameters: {} }],
    });
    expect(tokens).toBe(
      // priming, 4 × 3 framing, roles (system 2, user 1, assistant 3, tool 1), texts, one 765-token image, tools
      3 +
        4 * 3 +
        2 +
        1 +
        3 +
        1 +
        1 +
        1 +
        765 +
        1 +
        1 +
        1 +
        Math.ceil(JSON.stringify([{ name: 'f', parameters: {} }]).length / 4),
    );
  });

  it('counts embedding inputs', () => {
    expect(heuristicTokenEstimate({ model: 'e', input: ['abcd', 'abcdefgh'] })).toBe(3);
    expect(heuristicTokenEstimate({ model: 'e', input: 'abcde' })).toBe(2);
  });
});

describe('loadTokenizerEstimator', () => {
  it('resolves to undefined when the optional peer is not installed', async () => {
    const missing = await loadTokenizerEstimator(async () => {
      throw Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    expect(missing).toBeUndefined();
    expect(await loadTokenizerEstimator(async () => ({}))).toBeUndefined();
  });

  it('uses the tokenizer when it is there', async () => {
    const estimate = await loadTokenizerEstimator(async () => ({
      countChatTokens: () => ({ total: 42 }),
      countTokens: (text: string) => text.length,
    }));
    expect(await estimate?.({ model: 'm', messages: [] })).toBe(42);
    expect(await estimate?.({ model: 'e', input: ['ab', 'c'] })).toBe(3);
    expect(await estimate?.({ model: 'e', input: 'abcd' })).toBe(4);
    expect(await loadTokenizerEstimator(async () => ({ countChatTokens: () => ({ total: 1 }) }))).toBeUndefined();
  });

  it('loads the real package, which counts exactly', async () => {
    const estimate = await loadTokenizerEstimator();
    expect(loadTokenizerEstimator()).toBe(loadTokenizerEstimator());
    // The tokenizer is a dev dependency here. The cookbook's formula: 3 per message, the role ('user': 1) and the
    // content ('Hello world': 2), and 3 priming the reply.
    expect(await estimate?.({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello world' }] })).toBe(9);
    expect(await estimate?.({ model: 'text-embedding-3-small', input: 'Hello world' })).toBe(2);
  });
});
