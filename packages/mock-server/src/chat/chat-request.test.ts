import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { parseChatRequest } from './chat-request.js';

const user = { role: 'user', content: 'hi' };
const base = (extra: Record<string, unknown>) => ({ model: 'gpt-4o', messages: [user], ...extra });

function errorOf(body: Record<string, unknown>): ApiError {
  try {
    parseChatRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

describe('parseChatRequest', () => {
  it('reads every part of a full request', () => {
    const request = parseChatRequest(
      base({
        messages: [
          { role: 'developer', content: 'be brief' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look' },
              { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
              { type: 'input_audio', input_audio: {} },
              { type: 'file', file: {} },
            ],
          },
          { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
          { role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] },
          { role: 'tool', tool_call_id: 'c', content: null },
        ],
        n: 2,
        stream: true,
        stream_options: { include_usage: true },
        seed: 3,
        stop: 'x',
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice: 'required',
        parallel_tool_calls: false,
        response_format: { type: 'json_object' },
        logprobs: true,
      }),
    );
    expect(request).toMatchObject({
      n: 2,
      stream: true,
      includeUsage: true,
      seed: 3,
      stop: ['x'],
      toolChoice: 'required',
      parallelToolCalls: false,
      logprobs: true,
      imageCount: 1,
      imageTokens: 765,
      afterToolResult: true,
      lastUserText: 'look\n[input_audio]\n[file]',
    });
    expect(request.tools[0]?.parameters).toEqual({ type: 'object', properties: {} });
    expect(parseChatRequest(base({ stream: true, stream_options: {} })).includeUsage).toBe(false);
    expect(parseChatRequest(base({ messages: [{ role: 'user', content: null }] })).lastUserText).toBe('');
    expect(parseChatRequest(base({}), { modelOverride: 'deployment' }).model).toBe('deployment');
  });

  it.each([
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'is too long', 'stop'],
    [{ stop: [1] }, "Invalid type for 'stop'", 'stop'],
    [{ tools: 'x' }, "Invalid type for 'tools'", 'tools'],
    [{ tools: [null] }, "Invalid type for 'tools[0]'", 'tools[0]'],
    [{ tools: [{ type: 'web' }] }, "Invalid value: 'web'", 'tools[0].type'],
    [{ tools: [{ type: 'function' }] }, "Missing required parameter: 'tools[0].function'.", 'tools[0].function'],
    [
      { tools: [{ type: 'function', function: {} }] },
      "Missing required parameter: 'tools[0].function.name'.",
      'tools[0].function.name',
    ],
    [
      { tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 5 },
      "Invalid value for 'tool_choice'",
      'tool_choice',
    ],
    [{ response_format: 'json' }, "Invalid type for 'response_format'", 'response_format'],
    [{ response_format: {} }, "Missing required parameter: 'response_format.type'.", 'response_format.type'],
    [
      { response_format: { type: 'json_schema', json_schema: {} } },
      "'response_format.json_schema.name'",
      'response_format.json_schema.name',
    ],
    [
      { messages: [{ role: 'user', content: [null] }] },
      "Invalid type for 'messages[0].content[0]'",
      'messages[0].content[0]',
    ],
    [
      { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      "'messages[0].content[0].text'",
      'messages[0].content[0].text',
    ],
    [
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      "'messages[0].content[0].image_url.url'",
      'messages[0].content[0].image_url.url',
    ],
    [{ n: 0 }, 'below minimum value', 'n'],
    [{ stream: 'yes' }, "Invalid type for 'stream'", 'stream'],
    [{ stream: true, stream_options: 'x' }, "Invalid type for 'stream_options'", 'stream_options'],
  ])('rejects %j', (extra, message, param) => {
    const error = errorOf(base(extra));
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
    expect(error.error.param).toBe(param);
  });
});
