import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@internal/conformance';
import { describe, expect, it } from 'vitest';
import { chatCompletionSchema } from './chat-completion-schema.js';
import { mapChatResponse } from './map-chat-response.js';

const recorded = JSON.parse(
  readFileSync(join(referenceDir, 'fixtures/vercel-ai/openai_chat_openai-text.json'), 'utf8'),
);

describe('mapChatResponse', () => {
  it('maps a recorded real completion', () => {
    const body = chatCompletionSchema.parse(recorded);
    const response = mapChatResponse(body, {
      provider: 'openai',
      requestId: 'req_1',
      rateLimit: { remainingRequests: 5 },
    });
    expect(response).toMatchObject({
      id: recorded.id,
      model: recorded.model,
      text: recorded.choices[0].message.content,
      toolCalls: [],
      refusal: null,
      finishReason: 'stop',
      rawFinishReason: 'stop',
      requestId: 'req_1',
      rateLimit: { remainingRequests: 5 },
      usage: {
        inputTokens: recorded.usage.prompt_tokens,
        outputTokens: recorded.usage.completion_tokens,
        totalTokens: recorded.usage.total_tokens,
      },
    });
  });

  it('maps tool calls, keeping arguments that do not parse, skipping non-function calls', () => {
    const body = chatCompletionSchema.parse({
      id: 'c',
      model: 'm',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            content: null,
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
              { id: 'b', type: 'function', function: { name: 'g', arguments: '{"broken' } },
              { id: 'c', type: 'custom', custom: { name: 'h', input: 'raw' } },
            ],
          },
        },
      ],
    });
    const response = mapChatResponse(body, { provider: 'openai' });
    expect(response.toolCalls).toEqual([
      { id: 'a', name: 'f', arguments: '{"x":1}', parsedArguments: { x: 1 } },
      { id: 'b', name: 'g', arguments: '{"broken', parsedArguments: undefined },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.text).toBe('');
    expect(response).not.toHaveProperty('usage');
  });

  it('follows choice 0 and reads provider metadata through the hook', () => {
    const raw = {
      id: 'c',
      model: 'm',
      choices: [
        { index: 1, message: { content: 'second' }, finish_reason: 'stop' },
        {
          index: 0,
          message: { content: 'first', refusal: 'nope' },
          finish_reason: 'content_filter',
          content_filter_results: { hate: 1 },
        },
      ],
      prompt_filter_results: [{ prompt_index: 0 }],
    };
    const response = mapChatResponse(chatCompletionSchema.parse(raw), {
      provider: 'azure',
      raw,
      readMetadata: (raw) => ({ promptFilterResults: (raw as Record<string, unknown>).prompt_filter_results }),
    });
    expect(response).toMatchObject({ text: 'first', refusal: 'nope', finishReason: 'content-filter' });
    expect(response.providerMetadata).toEqual({ azure: { promptFilterResults: [{ prompt_index: 0 }] } });
  });

  it('copes with no choices', () => {
    const response = mapChatResponse(chatCompletionSchema.parse({ id: 'c', model: 'm', choices: [] }), {
      provider: 'openai',
    });
    expect(response).toMatchObject({ text: '', finishReason: 'other', rawFinishReason: null, toolCalls: [] });
  });
});
