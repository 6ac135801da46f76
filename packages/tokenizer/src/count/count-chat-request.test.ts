import type { ChatMessage, ChatRequest, ToolDefinition } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer } from '../tokenizer.js';

const tokenizer = createTokenizer();
afterAll(() => tokenizer.dispose());

/**
 * The example of OpenAI's cookbook "How to count tokens with tiktoken", section 6, whose API usage it prints:
 * 129 prompt tokens on gpt-3.5-turbo and gpt-4, 124 on gpt-4o and gpt-4o-mini.
 */
const JARGON_MESSAGES: ChatMessage[] = [
  {
    role: 'system',
    content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
  },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: 'system',
    name: 'example_assistant',
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: 'user',
    content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

/** Section 7: the weather tool; the API reported 105 prompt tokens on gpt-3.5-turbo and gpt-4, 101 on gpt-4o(-mini). */
const WEATHER_TOOLS: ToolDefinition[] = [
  {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
];
const WEATHER_MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

describe('countChatTokens reproduces the cookbook', () => {
  it.each([
    ['gpt-3.5-turbo', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
    ['gpt-4o-2024-08-06', 124],
  ])('jargon example on %s: %i tokens', (model, expected) => {
    const counted = tokenizer.countChatTokens({ model, messages: JARGON_MESSAGES });
    expect(counted.total).toBe(expected);
    expect(counted.messages).toEqual({ tokens: expected, exact: true });
    expect(counted.exact).toBe(true);
  });

  it.each([
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ])('weather tools example on %s: %i tokens', (model, expected) => {
    const counted = tokenizer.countChatTokens({ model, messages: WEATHER_MESSAGES, tools: WEATHER_TOOLS });
    expect(counted.total).toBe(expected);
    expect(counted.tools.exact).toBe(true);
    expect(counted.exact).toBe(true);
  });
});

describe('countChatTokens', () => {
  const base: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] };

  it('adds 3 per message, the role, 1 per name, and 3 to prime the reply', () => {
    const hello = tokenizer.countTokens('Hello there', { model: 'gpt-4o' });
    const plain = tokenizer.countChatTokens(base);
    expect(plain.total).toBe(3 + 1 + hello + 3);
    expect(plain.perMessage).toEqual([3 + 1 + hello]);
    const named = tokenizer.countChatTokens({
      ...base,
      messages: [{ role: 'user', name: 'zoe', content: 'Hello there' }],
    });
    expect(named.total).toBe(plain.total + tokenizer.countTokens('zoe', { model: 'gpt-4o' }) + 1);
  });

  it('marks models the cookbook did not verify as estimates', () => {
    const counted = tokenizer.countChatTokens({ ...base, model: 'gpt-5' });
    expect(counted.messages.exact).toBe(false);
    expect(counted.encoding).toBe('o200k_base');
  });

  it('estimates tool calls, tool results, refusals and multi-part text', () => {
    const counted = tokenizer.countChatTokens({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'one' },
            { type: 'text', text: 'two' },
          ],
        },
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: '{"answer":42}' },
        { role: 'assistant', content: 'Sorry', refusal: 'I cannot help with that.' },
      ],
    });
    expect(counted.messages.exact).toBe(false);
    expect(counted.perMessage).toHaveLength(4);
    expect(counted.perMessage[1]).toBeGreaterThan(3 + 3);
    expect(counted.total).toBe(counted.perMessage.reduce((sum, tokens) => sum + tokens, 0) + 3);
  });

  it('counts nested object and array parameters, enums and descriptions (an estimate)', () => {
    const nested: ToolDefinition = {
      name: 'create_order',
      description: 'Create an order.',
      parameters: {
        type: 'object',
        properties: {
          customer: {
            type: 'object',
            description: 'Who orders',
            properties: { id: { type: 'string', description: 'Customer id' }, vip: { type: 'boolean' } },
          },
          items: {
            type: 'array',
            description: 'What is ordered',
            items: {
              type: 'object',
              properties: {
                sku: { type: 'string', description: 'Stock unit' },
                size: { type: 'string', description: 'Size', enum: ['S', 'M', 'L', 1] },
              },
            },
          },
          note: { type: ['string', 'null'], description: 'Free text' },
          any: { description: 'Anything' },
        },
      },
    };
    const flat = tokenizer.countChatTokens({ ...base, tools: [{ ...nested, parameters: { type: 'object' } }] });
    const counted = tokenizer.countChatTokens({ ...base, tools: [nested] });
    expect(counted.tools.tokens).toBeGreaterThan(flat.tools.tokens + 40);
    expect(counted.tools.exact).toBe(false);
    expect(flat.tools.exact).toBe(true);
    const two = tokenizer.countChatTokens({ ...base, tools: [nested, nested] });
    expect(two.tools.tokens).toBe(2 * counted.tools.tokens - 12);
  });

  it('estimates a json_schema response format and json mode', () => {
    const schema = tokenizer.countChatTokens({
      ...base,
      responseFormat: {
        type: 'json_schema',
        name: 'answer',
        description: 'The answer',
        schema: { type: 'object', properties: { a: { type: 'string' } } },
      },
    });
    expect(schema.responseFormat.tokens).toBeGreaterThan(10);
    expect(schema.responseFormat.exact).toBe(false);
    expect(schema.total).toBe(schema.messages.tokens + schema.responseFormat.tokens);
    const noDescription = tokenizer.countChatTokens({
      ...base,
      responseFormat: { type: 'json_schema', name: 'answer', schema: {} },
    });
    expect(noDescription.responseFormat.tokens).toBeGreaterThan(0);
    expect(tokenizer.countChatTokens({ ...base, responseFormat: { type: 'json' } }).responseFormat).toEqual({
      tokens: 0,
      exact: false,
    });
    expect(tokenizer.countChatTokens({ ...base, responseFormat: { type: 'text' } }).exact).toBe(true);
  });
});
