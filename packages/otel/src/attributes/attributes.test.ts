import type { ChatRequest } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { inputContentAttributes, outputContentAttributes } from './content-attributes.js';
import { genAiProviderName } from './provider-name.js';
import { genAiOperation, requestAttributes } from './request-attributes.js';
import { chatOutcome, genericOutcome, outcomeAttributes } from './response-attributes.js';
import { serverAttributes } from './server-attributes.js';

describe('request attributes', () => {
  it('maps every operation to the conventions’ operation name', () => {
    expect(genAiOperation('chat')).toBe('chat');
    expect(genAiOperation('streamChat')).toBe('chat');
    expect(genAiOperation('embed')).toBe('embeddings');
    expect(genAiOperation('generateImage')).toBe('generate_content');
    expect(genAiOperation('checkConnection')).toBe('check_connection');
  });

  it('keeps only the sampling parameters that were set, and marks JSON output', () => {
    const request: ChatRequest = {
      model: 'gpt-4o',
      messages: [],
      stop: 'X',
      presencePenalty: 0.5,
      frequencyPenalty: 0.1,
      responseFormat: { type: 'json' },
    };
    expect(requestAttributes('chat', request)).toEqual({
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.output.type': 'json',
      'gen_ai.request.stop_sequences': ['X'],
      'gen_ai.request.presence_penalty': 0.5,
      'gen_ai.request.frequency_penalty': 0.1,
    });
    expect(requestAttributes('checkConnection', undefined)).toEqual({});
  });

  it('maps embeddings and image requests', () => {
    expect(requestAttributes('embed', { model: 'e', input: 'x', encodingFormat: 'base64' })).toEqual({
      'gen_ai.request.model': 'e',
      'gen_ai.request.encoding_formats': ['base64'],
    });
    expect(requestAttributes('generateImage', { model: 'i', prompt: 'p' })).toEqual({
      'gen_ai.request.model': 'i',
      'gen_ai.output.type': 'image',
    });
  });
});

describe('provider and server', () => {
  it('uses the well-known provider names', () => {
    expect(genAiProviderName('openai')).toBe('openai');
    expect(genAiProviderName('azure')).toBe('azure.ai.openai');
    expect(genAiProviderName('my-gateway')).toBe('my-gateway');
  });

  it('keeps host and port only, with the scheme’s default port', () => {
    expect(serverAttributes('https://user:secret@example.openai.azure.com/openai/v1?key=1')).toEqual({
      'server.address': 'example.openai.azure.com',
      'server.port': 443,
    });
    expect(serverAttributes(new URL('http://localhost:8080/v1'))).toEqual({
      'server.address': 'localhost',
      'server.port': 8080,
    });
    expect(serverAttributes('ws://host/x')).toEqual({ 'server.address': 'host' });
    expect(serverAttributes('not a url')).toEqual({});
    expect(serverAttributes(undefined)).toEqual({});
  });
});

describe('response attributes', () => {
  it('reads chat responses with every usage field', () => {
    const outcome = chatOutcome({
      id: 'r1',
      model: 'gpt-4o-2024',
      text: '',
      toolCalls: [],
      refusal: null,
      finishReason: 'tool-calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4, reasoningTokens: 2 },
      requestId: 'req_1',
    });
    expect(outcomeAttributes(outcome)).toEqual({
      'gen_ai.response.id': 'r1',
      'gen_ai.response.model': 'gpt-4o-2024',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'switchboard.usage.reasoning_tokens': 2,
      'switchboard.request_id': 'req_1',
    });
    expect(outcomeAttributes(chatOutcome({ ...emptyResponse(), finishReason: 'content-filter' }))).toEqual({
      'gen_ai.response.finish_reasons': ['content_filter'],
    });
  });

  it('reads what other results share and ignores the rest', () => {
    expect(genericOutcome(null)).toEqual({});
    expect(genericOutcome('x')).toEqual({});
    expect(genericOutcome({ model: '', usage: { totalTokens: 3 }, requestId: 5 })).toEqual({});
    expect(genericOutcome({ model: 'm', usage: { inputTokens: 3 }, requestId: 'q' })).toEqual({
      model: 'm',
      usage: { inputTokens: 3 },
      requestId: 'q',
    });
  });
});

describe('content attributes', () => {
  it('shapes every message kind as the conventions say, leaving image bytes out', () => {
    const attributes = inputContentAttributes({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: 'https://example.com/a.png' },
            { type: 'image', image: new URL('https://example.com/b.png') },
            { type: 'image', image: 'data:image/png;base64,AAAA', mimeType: 'image/png' },
            { type: 'image', image: new Uint8Array([1, 2, 3]) },
          ],
        },
        { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'look', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: '{"ok":true}' },
        { role: 'assistant', content: 'Done.' },
      ],
    });
    expect(attributes['gen_ai.system_instructions']).toBeUndefined();
    expect(JSON.parse(String(attributes['gen_ai.input.messages']))).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'What is this?' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/a.png' },
          { type: 'uri', modality: 'image', uri: 'https://example.com/b.png' },
          { type: 'blob', modality: 'image', mime_type: 'image/png' },
          { type: 'blob', modality: 'image' },
        ],
      },
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'c1', name: 'look', arguments: '{}' }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: '{"ok":true}' }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'Done.' }] },
    ]);
  });

  it('records refusals and tool calls of the answer', () => {
    const attributes = outputContentAttributes({
      text: '',
      refusal: 'No.',
      rawFinishReason: null,
      toolCalls: [{ id: 'c2', name: 'f', arguments: '{"a":1}' }],
    });
    expect(JSON.parse(String(attributes['gen_ai.output.messages']))).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'No.' },
          { type: 'tool_call', id: 'c2', name: 'f', arguments: '{"a":1}' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });
});

function emptyResponse() {
  return {
    id: '',
    model: '',
    text: '',
    toolCalls: [],
    refusal: null,
    finishReason: 'stop' as const,
    rawFinishReason: null,
  };
}
