import { describe, expect, it } from 'vitest';
import { estimateTokens, reservedOutputTokens } from './estimate-tokens.js';
import { rateLimitKey } from './rate-limit-key.js';

describe('estimateTokens', () => {
  it('counts a quarter of each message’s characters, the chat overhead and the whole max output', () => {
    const tokens = estimateTokens({
      model: 'gpt-4o',
      maxOutputTokens: 100,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'x'.repeat(40) },
      ],
    });
    // 3 priming + 2 × 3 per message + roles ("system" 2, "user" 1) + contents (ceil(9 / 4), 40 / 4) + 100
    expect(tokens).toBe(3 + 6 + 2 + 1 + 3 + 10 + 100);
  });

  it('prices image parts by detail, and counts tools, schemas, tool calls and results', () => {
    const base = { model: 'gpt-4o', messages: [] };
    expect(
      estimateTokens({
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this' },
              { type: 'image', image: 'https://example.com/a.png', detail: 'low' },
              { type: 'image', image: 'https://example.com/b.png' },
            ],
          },
        ],
      }),
    ).toBe(3 + 3 + 1 + 3 + 85 + 765);
    const withTools = estimateTokens({
      ...base,
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      responseFormat: { type: 'json_schema', name: 's', schema: { type: 'object' } },
      messages: [
        { role: 'assistant', content: null, toolCalls: [{ id: '1', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: '1', content: '{"ok":true}' },
      ],
    });
    expect(withTools).toBeGreaterThan(3 + 8);
  });

  it('counts embedding inputs and image prompts', () => {
    expect(estimateTokens({ model: 'e', input: ['abcd', 'abcde'] })).toBe(3);
    expect(estimateTokens({ model: 'e', input: 'abcdefgh' })).toBe(2);
    expect(estimateTokens({ model: 'dall-e-3', prompt: 'a red fox' })).toBe(3);
  });

  it('knows what a request reserves for output', () => {
    expect(reservedOutputTokens({ model: 'm', messages: [], maxOutputTokens: 50 })).toBe(50);
    expect(reservedOutputTokens({ model: 'm', messages: [] })).toBe(0);
    expect(reservedOutputTokens({ model: 'e', input: 'x' })).toBe(0);
    expect(reservedOutputTokens(undefined)).toBe(0);
  });
});

describe('rateLimitKey', () => {
  it('joins provider and model', () => {
    expect(rateLimitKey('azure', 'my-deployment')).toBe('azure:my-deployment');
    expect(rateLimitKey('openai', undefined)).toBe('openai:*');
  });
});
