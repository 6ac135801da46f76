import { expectOpenAI } from '@internal/conformance';
import type { ChatRequest } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { mapChatRequest } from './map-chat-request.js';

const options = { model: 'gpt-4o', providerOptionsKey: 'openai' };
const strict = { noExtraProperties: true };

describe('mapChatRequest', () => {
  it('maps every neutral field to its wire name, in a body the spec accepts', () => {
    const request: ChatRequest = {
      model: 'logical',
      messages: [
        { role: 'system', content: 'sys', name: 'policy' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: 'hello', refusal: 'no', toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: '42' },
      ],
      temperature: 0.3,
      topP: 0.8,
      maxOutputTokens: 100,
      stop: 'END',
      seed: 1,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
      toolChoice: 'auto',
      parallelToolCalls: true,
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: false },
      reasoningEffort: 'medium',
      user: 'u',
    };
    const body = expectOpenAI('CreateChatCompletionRequest', mapChatRequest(request, options), strict);
    expect(body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'sys', name: 'policy' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        {
          role: 'assistant',
          content: 'hello',
          refusal: 'no',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: '42' },
      ],
      temperature: 0.3,
      top_p: 0.8,
      max_completion_tokens: 100,
      stop: 'END',
      seed: 1,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: false } },
      reasoning_effort: 'medium',
      user: 'u',
    });
  });

  it('maps reasoning controls: reasoning.effort (winning over the deprecated alias) and verbosity', () => {
    const base: ChatRequest = { model: 'x', messages: [{ role: 'user', content: 'hi' }] };
    const body = mapChatRequest(
      { ...base, reasoning: { effort: 'xhigh', summary: 'auto' }, reasoningEffort: 'low', verbosity: 'low' },
      { ...options, reasoning: true },
    );
    expect(expectOpenAI('CreateChatCompletionRequest', body, strict)).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      reasoning_effort: 'xhigh',
      verbosity: 'low',
    });
    expect(mapChatRequest({ ...base, reasoningEffort: 'minimal' }, options)).toMatchObject({
      reasoning_effort: 'minimal',
    });
    expect(mapChatRequest({ ...base, reasoning: { summary: 'auto' } }, options)).not.toHaveProperty('reasoning_effort');
  });

  it('sends only what was given', () => {
    const body = mapChatRequest({ model: 'x', messages: [{ role: 'user', content: 'hi' }], tools: [] }, options);
    expect(body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('adds stream and include_usage for streams, merged with the caller’s stream_options', () => {
    const request: ChatRequest = { model: 'x', messages: [{ role: 'user', content: 'hi' }] };
    expect(
      expectOpenAI('CreateChatCompletionRequest', mapChatRequest(request, { ...options, stream: true }), strict),
    ).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    const off = mapChatRequest(
      { ...request, providerOptions: { openai: { stream_options: { include_usage: false }, stream: false } } },
      { ...options, stream: true },
    );
    expect(off).toMatchObject({ stream: true, stream_options: { include_usage: false } });
  });

  it('never lets provider options turn a plain call into a stream', () => {
    const body = mapChatRequest(
      {
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
        providerOptions: { openai: { stream: true, stream_options: {} } },
      },
      options,
    );
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
  });

  it('passes only its own provider options through, last, untouched', () => {
    const body = mapChatRequest(
      {
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 1,
        providerOptions: {
          openai: { temperature: 0, service_tier: 'flex', metadata: { a: 'b' } },
          azure: { data_sources: [] },
        },
      },
      options,
    );
    expect(body).toMatchObject({ temperature: 0, service_tier: 'flex', metadata: { a: 'b' } });
    expect(body).not.toHaveProperty('data_sources');
  });

  it('leaves out sampling options a reasoning model rejects', () => {
    const body = mapChatRequest(
      {
        model: 'o4-mini',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.2,
        topP: 0.5,
        presencePenalty: 1,
        frequencyPenalty: 1,
        maxOutputTokens: 10,
      },
      { ...options, reasoning: true },
    );
    expect(body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 10 });
  });

  it('maps tool choices and response formats', () => {
    const base: ChatRequest = { model: 'x', messages: [{ role: 'user', content: 'hi' }] };
    expect(mapChatRequest({ ...base, toolChoice: { type: 'tool', name: 'f' } }, options).tool_choice).toEqual({
      type: 'function',
      function: { name: 'f' },
    });
    expect(mapChatRequest({ ...base, toolChoice: 'required' }, options).tool_choice).toBe('required');
    expect(mapChatRequest({ ...base, responseFormat: { type: 'json' } }, options).response_format).toEqual({
      type: 'json_object',
    });
    const tool = mapChatRequest(
      { ...base, tools: [{ name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }] },
      options,
    ).tools;
    expect(tool).toEqual([
      { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } },
    ]);
  });

  it('maps image parts: URLs, bytes as data URLs, detail levels', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const body = mapChatRequest(
      {
        model: 'x',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', image: new URL('https://example.com/a.png'), detail: 'high' },
              { type: 'image', image: png },
              { type: 'image', image: new Uint8Array([1, 2, 3]).buffer, mimeType: 'image/heic' },
            ],
          },
        ],
      },
      options,
    );
    expect(body.messages[0]?.content).toEqual([
      { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } },
      { type: 'image_url', image_url: { url: 'data:image/heic;base64,AQID' } },
    ]);
  });
});
