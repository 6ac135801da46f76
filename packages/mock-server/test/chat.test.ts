import { expectOpenAI, parseSseData } from '@internal/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { collect, openaiClient, rawFetch, startTestServer } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CHUNK = 'CreateChatCompletionStreamResponse';
const RESPONSE = 'CreateChatCompletionResponse';

describe('chat completions (OpenAI)', () => {
  it('answers deterministically, with realistic usage, conforming to the spec', async () => {
    const client = openaiClient(server);
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Tell me about harbours' }] };
    const first = expectOpenAI(RESPONSE, await client.chat.completions.create(request));
    const second = await client.chat.completions.create(request);
    expect(first.choices[0]?.message.content).toBe(second.choices[0]?.message.content);
    expect(first.choices[0]?.message.content).toContain('harbours');
    expect(first.id).not.toBe(second.id);
    expect(first.usage?.prompt_tokens).toBeGreaterThan(5);
    expect(first.usage?.completion_tokens).toBeGreaterThan(5);
    expect(first.usage?.total_tokens).toBe((first.usage?.prompt_tokens ?? 0) + (first.usage?.completion_tokens ?? 0));
    expect(first.choices[0]?.finish_reason).toBe('stop');
    const other = await client.chat.completions.create({ ...request, seed: 42 });
    expect(other.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
  });

  it('streams with include_usage: role chunk, deltas, finish, usage-only chunk, [DONE]', async () => {
    const client = openaiClient(server);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    for (const chunk of chunks) expectOpenAI(CHUNK, chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBe(chunks.length - 3);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    const full = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    expect(text).toBe(full.choices[0]?.message.content);
  });

  it('ends the raw SSE body with data: [DONE]', async () => {
    const response = await rawFetch(server, '/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'raw' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { events, done } = parseSseData(await response.text());
    expect(done).toBe(true);
    for (const event of events) expectOpenAI(CHUNK, event);
    expect((events[0] as { usage?: unknown }).usage).toBeUndefined();
  });

  it('stops at max_completion_tokens with finish_reason length (streamed and not)', async () => {
    const client = openaiClient(server);
    const body = {
      model: 'gpt-4o',
      messages: [{ role: 'user' as const, content: 'Long answer' }],
      max_completion_tokens: 3,
    };
    const result = expectOpenAI(RESPONSE, await client.chat.completions.create(body));
    expect(result.choices[0]?.finish_reason).toBe('length');
    expect(result.usage?.completion_tokens).toBe(3);
    const legacy = await client.chat.completions.create({ ...body, max_completion_tokens: undefined, max_tokens: 2 });
    expect(legacy.usage?.completion_tokens).toBe(2);
    const chunks = await collect(await client.chat.completions.create({ ...body, stream: true }));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('returns n different choices', async () => {
    const client = openaiClient(server);
    const result = expectOpenAI(
      RESPONSE,
      await client.chat.completions.create({ model: 'gpt-4o', n: 3, messages: [{ role: 'user', content: 'Three' }] }),
    );
    expect(result.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(new Set(result.choices.map((choice) => choice.message.content)).size).toBe(3);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        n: 2,
        stream: true,
        messages: [{ role: 'user', content: 'Two' }],
      }),
    );
    for (const chunk of chunks) expectOpenAI(CHUNK, chunk);
    expect(new Set(chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.index)))).toEqual(new Set([0, 1]));
  });

  it('calls tools with arguments matching their schema, then answers the tool result', async () => {
    const client = openaiClient(server);
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: {
              city: { type: 'string' },
              unit: { type: 'string', enum: ['c', 'f'] },
              days: { type: 'integer', minimum: 1, maximum: 5 },
            },
            required: ['city', 'unit', 'days'],
          },
        },
      },
    ];
    const messages = [{ role: 'user' as const, content: 'Weather in Oslo?' }];
    const result = expectOpenAI(RESPONSE, await client.chat.completions.create({ model: 'gpt-4o', messages, tools }));
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    const args = JSON.parse(call?.type === 'function' ? call.function.arguments : '{}');
    expect(typeof args.city).toBe('string');
    expect(['c', 'f']).toContain(args.unit);
    expect(args.days).toBeGreaterThanOrEqual(1);
    expect(args.days).toBeLessThanOrEqual(5);

    const runner = client.chat.completions.stream({ model: 'gpt-4o', messages, tools });
    const final = await runner.finalChatCompletion();
    const streamed = final.choices[0]?.message.tool_calls?.[0];
    expect(streamed?.type === 'function' && streamed.function.arguments).toBe(
      call?.type === 'function' && call.function.arguments,
    );

    const followUp = await client.chat.completions.create({
      model: 'gpt-4o',
      tools,
      messages: [
        ...messages,
        result.choices[0]!.message,
        { role: 'tool', tool_call_id: call!.id, content: '{"temp":21}' },
      ],
    });
    expect(followUp.choices[0]?.finish_reason).toBe('stop');
    expect(followUp.choices[0]?.message.content).toBeTruthy();
  });

  it('streams parallel tool calls and honours a named tool_choice', async () => {
    const client = openaiClient(server);
    const tools = ['a_tool', 'b_tool'].map((name) => ({
      type: 'function' as const,
      function: { name, parameters: { type: 'object', properties: { q: { type: 'string' } } } },
    }));
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'both' }],
        tools,
        stream: true,
      }),
    );
    for (const chunk of chunks) expectOpenAI(CHUNK, chunk);
    const indexes = new Set(
      chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls?.map((call) => call.index) ?? []),
    );
    expect(indexes).toEqual(new Set([0, 1]));
    const named = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'b' }],
      tools,
      tool_choice: { type: 'function', function: { name: 'b_tool' } },
    });
    const calls = named.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && call.function.name)).toEqual(['b_tool']);
  });

  it('answers json_schema response formats with JSON matching the schema', async () => {
    const client = openaiClient(server);
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        score: { type: 'number', minimum: 0, maximum: 1 },
        tags: { type: 'array', items: { type: 'string' } },
        kind: { anyOf: [{ type: 'string', enum: ['x', 'y'] }, { type: 'null' }] },
      },
      required: ['title', 'score', 'tags', 'kind'],
      additionalProperties: false,
    };
    const result = expectOpenAI(
      RESPONSE,
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Rate this' }],
        response_format: { type: 'json_schema', json_schema: { name: 'rating', schema, strict: true } },
      }),
    );
    const parsed = JSON.parse(result.choices[0]?.message.content ?? '');
    expect(Object.keys(parsed).sort()).toEqual(['kind', 'score', 'tags', 'title']);
    expect(parsed.score).toBeGreaterThanOrEqual(0);
    expect(['x', 'y']).toContain(parsed.kind);
    const json = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'json' }],
      response_format: { type: 'json_object' },
    });
    expect(() => JSON.parse(json.choices[0]?.message.content ?? '')).not.toThrow();
  });

  it('accepts vision content parts and counts image tokens', async () => {
    const client = openaiClient(server);
    const text = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is this?' }],
    });
    const vision = expectOpenAI(
      RESPONSE,
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      }),
    );
    expect(vision.choices[0]?.message.content).toContain('2 images');
    expect((vision.usage?.prompt_tokens ?? 0) - (text.usage?.prompt_tokens ?? 0)).toBeGreaterThanOrEqual(85 + 765);
  });

  it('refuses when asked to, with a refusal in the message and in the stream', async () => {
    const client = openaiClient(server);
    const result = expectOpenAI(
      RESPONSE,
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'no [mock:refuse]' }],
      }),
    );
    expect(result.choices[0]?.message.content).toBeNull();
    expect(result.choices[0]?.message.refusal).toMatch(/can't help/);
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        stream: true,
        messages: [{ role: 'user', content: 'no [mock:refuse]' }],
      }),
    );
    for (const chunk of chunks) expectOpenAI(CHUNK, chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.refusal ?? '').join('')).toBe(
      result.choices[0]?.message.refusal,
    );
  });

  it('cuts the answer at a stop sequence', async () => {
    const client = openaiClient(server);
    const result = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stop test' }],
      stop: [':'],
    });
    expect(result.choices[0]?.message.content).toBe('Mock answer about stop test');
  });
});

describe('prompt caching', () => {
  it('reports cached tokens for a long prompt seen before, in 128-token steps past 1,024', async () => {
    const client = openaiClient(server);
    const long = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'lorem ipsum '.repeat(600) }] };
    const first = await client.chat.completions.create(long);
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const second = expectOpenAI(RESPONSE, await client.chat.completions.create(long));
    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect((cached - 1024) % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.usage?.prompt_tokens ?? 0);
    const short = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'short' }],
    });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'short' }] });
    expect(short.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });
});
