import type { ChatRequest } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { countChatTokens, estimateCost } from '../default-tokenizer.js';
import { createTokenizer } from '../tokenizer.js';
import { countResponsesInputTokens, estimateResponsesCost } from './count-responses-input.js';
import { type ResponsesInput, responsesInputToChatRequest } from './responses-input.js';

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'The city' } }, required: ['city'] },
};

describe('countResponsesInputTokens', () => {
  it('counts instructions and a text input as the same system and user messages in chat, marked an estimate', () => {
    const request: ResponsesInput = { model: 'gpt-4o', instructions: 'Be brief.', input: 'What is a switchboard?' };
    const chat: ChatRequest = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is a switchboard?' },
      ],
    };
    const counted = countResponsesInputTokens(request);
    expect(counted.total).toBe(countChatTokens(chat).total);
    expect(counted.total).toBeGreaterThan(10);
    expect(counted.exact).toBe(false);
    expect(counted.messages.exact).toBe(false);
    expect(countResponsesInputTokens({ model: 'gpt-4o', input: 'Hi' }).perMessage).toHaveLength(1);
  });

  it('counts message items, images, function calls and their outputs as chat counts them', () => {
    const request: ResponsesInput = {
      model: 'gpt-4o-mini',
      input: [
        { role: 'developer', content: 'You check the weather.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather here and in Oslo?' },
            { type: 'input_image', image_url: 'https://example.com/sky.png', detail: 'low' },
          ],
        },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'c2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        { type: 'function_call_output', call_id: 'c1', output: '18 C' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: '9 C' }] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Paris 18 C, Oslo 9 C.' }] },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No more.' }] },
        { role: 'system', content: [{ type: 'input_text', text: 'Stay polite.' }] },
      ],
      tools: [weatherTool, { type: 'web_search' }],
    };
    const chat = responsesInputToChatRequest(request);
    expect(chat.messages).toEqual([
      { role: 'system', content: 'You check the weather.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather here and in Oslo?' },
          { type: 'image', image: 'https://example.com/sky.png', detail: 'low' },
        ],
      },
      {
        role: 'assistant',
        content: null,
        toolCalls: [
          { id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'c2', name: 'get_weather', arguments: '{"city":"Oslo"}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: '18 C' },
      { role: 'tool', toolCallId: 'c2', content: '9 C' },
      { role: 'assistant', content: 'Paris 18 C, Oslo 9 C.' },
      { role: 'assistant', content: 'No more.' },
      { role: 'system', content: 'Stay polite.' },
    ]);
    expect(chat.tools).toEqual([
      { name: 'get_weather', description: 'Weather for a city.', parameters: weatherTool.parameters },
    ]);
    const counted = countResponsesInputTokens(request);
    expect(counted.total).toBe(countChatTokens(chat).total);
    expect(counted.images.count).toBe(1);
    expect(counted.tools.tokens).toBeGreaterThan(0);
  });

  it('counts a JSON-schema output format, JSON mode, and the output cap', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const base: ResponsesInput = { model: 'gpt-4o', input: 'Answer in JSON.' };
    const withSchema: ResponsesInput = {
      ...base,
      text: { format: { type: 'json_schema', name: 'reply', description: 'The reply', schema } },
      max_output_tokens: 300,
    };
    expect(responsesInputToChatRequest(withSchema)).toMatchObject({
      responseFormat: { type: 'json_schema', name: 'reply', description: 'The reply', schema },
      maxOutputTokens: 300,
    });
    expect(countResponsesInputTokens(withSchema).responseFormat.tokens).toBeGreaterThan(0);
    expect(
      responsesInputToChatRequest({ ...base, text: { format: { type: 'json_schema', schema } } }).responseFormat,
    ).toMatchObject({ name: 'response' });
    expect(responsesInputToChatRequest({ ...base, text: { format: { type: 'json_object' } } }).responseFormat).toEqual({
      type: 'json',
    });
    expect(responsesInputToChatRequest({ ...base, text: { format: { type: 'text' } } }).responseFormat).toBeUndefined();
  });

  it('prices a Responses request like the chat request with the same prompt', () => {
    const request: ResponsesInput = {
      model: 'gpt-4.1-mini',
      instructions: 'Be brief.',
      input: 'Summarise the history of telephone exchanges.',
      max_output_tokens: 200,
    };
    const estimate = estimateResponsesCost(request);
    const chat = estimateCost(responsesInputToChatRequest(request));
    expect(estimate.totalUsd).toBeCloseTo(chat.totalUsd, 12);
    expect(estimate.outputTokens).toBe(200);
    expect(estimate.exactInput).toBe(false);
    expect(estimateResponsesCost(request, { batch: true }).totalUsd).toBeCloseTo(chat.totalUsd / 2, 12);
  });

  it('uses a given tokenizer and model', () => {
    const tokenizer = createTokenizer();
    try {
      const request: ResponsesInput = { model: 'my-deployment', input: 'Hello there' };
      const counted = countResponsesInputTokens(request, { tokenizer, model: 'gpt-4' });
      expect(counted.model).toBe('gpt-4');
      expect(counted.encoding).toBe('cl100k_base');
      expect(estimateResponsesCost(request, { tokenizer, model: 'gpt-4' }).model).toBe('gpt-4');
    } finally {
      tokenizer.dispose();
    }
  });
});
