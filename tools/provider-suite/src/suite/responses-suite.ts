import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessage, ChatRequest, ChatStreamEvent, Provider } from '@switchboard/core';
import { runTools, tool } from '@switchboard/core';
import { TRIGGERS } from '@switchboard/mock-server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure } from '../support/failure.js';
import { PNG_1X1 } from './chat-suite.js';
import { type Harness, sentBodies } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/**
 * `chat` and `streamChat` over the Responses API (`api: 'responses'`): text, instructions, streaming, tools and tool
 * results, JSON-schema output, images, usage with reasoning and cached tokens, finish reasons, refusals, errors
 * (HTTP, a mid-stream `error` event, `response.failed`, a cut stream), `store` / `previous_response_id`, reasoning
 * items carried between turns, and the per-call `providerOptions[name].api`. The harness validates every body sent to
 * `/responses` against the spec's `CreateResponse`.
 */
export function describeResponses(target: SuiteTarget, harness: Harness): void {
  const responses = (): Provider => harness.provider({ api: 'responses' });
  const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model: target.models.chat,
    messages: [{ role: 'user', content }],
    ...extra,
  });
  const sent = () => sentBodies(harness.recorder, '/responses');

  describe(`${target.name}: Responses API`, () => {
    it('answers with text, usage, request id and finish reason; system messages become instructions', async () => {
      const response = await responses().chat({
        model: target.models.chat,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello' },
        ],
        temperature: 0.2,
        topP: 0.9,
        maxOutputTokens: 200,
        user: 'user-1',
      });
      expect(response.text.length).toBeGreaterThan(0);
      expect(response.id).toMatch(/^resp_/);
      expect(response.finishReason).toBe('stop');
      expect(response.rawFinishReason).toBe('completed');
      expect(response.usage?.inputTokens).toBeGreaterThan(0);
      expect(response.usage?.totalTokens).toBe(
        (response.usage?.inputTokens ?? 0) + (response.usage?.outputTokens ?? 0),
      );
      expect(response.requestId).toBeTruthy();
      const [body] = sent();
      expect(body).toMatchObject({
        instructions: 'Be brief.',
        input: [{ type: 'message', role: 'user', content: 'Say hello' }],
        max_output_tokens: 200,
        temperature: 0.2,
        top_p: 0.9,
        user: 'user-1',
      });
      expect(body).not.toHaveProperty('messages');
      expect(body).not.toHaveProperty('stream');
      expect(harness.recorder.requests.every((r) => r.url.pathname.endsWith('/responses'))).toBe(true);
    });

    it('streams text deltas onto the ChatStream events and assembles the same response', async () => {
      const stream = responses().streamChat(ask('Tell me a short story', { maxOutputTokens: 300 }));
      const events = await collect(stream);
      const response = await stream.response;
      expect(events[0]).toMatchObject({ type: 'start', id: response.id });
      const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.delta] : [])).join('');
      expect(text).toBe(response.text);
      expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
      expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
      expect(response.usage?.outputTokens).toBeGreaterThan(0);
      expect(sent()[0]).toMatchObject({ stream: true });
    });

    it('calls tools (strict function tools, tool choice) plain and streamed', async () => {
      const request = ask('Weather in Paris?', {
        tools: [weatherTool],
        toolChoice: { type: 'tool', name: 'get_weather' },
        parallelToolCalls: false,
      });
      const response = await responses().chat(request);
      expect(response.finishReason).toBe('tool-calls');
      expect(response.toolCalls).toHaveLength(1);
      expect(response.toolCalls[0]).toMatchObject({ name: 'get_weather', id: expect.stringMatching(/^call_/) });
      expect(response.toolCalls[0]?.parsedArguments).toMatchObject({ city: expect.any(String) });
      const stream = responses().streamChat(request);
      const events = await collect(stream);
      const streamed = await stream.response;
      expect(events.some((e) => e.type === 'tool-call-delta' && e.name === 'get_weather')).toBe(true);
      expect(events.find((e) => e.type === 'tool-call')).toMatchObject({
        index: 0,
        toolCall: { id: streamed.toolCalls[0]?.id, name: 'get_weather' },
      });
      expect(streamed.toolCalls[0]?.arguments).toBe(response.toolCalls[0]?.arguments);
      expect(streamed.finishReason).toBe('tool-calls');
      const [body] = sent();
      expect(body?.tools).toEqual([{ type: 'function', ...weatherTool }]);
      expect(body?.tool_choice).toEqual({ type: 'function', name: 'get_weather' });
      expect(body?.parallel_tool_calls).toBe(false);
    });

    it('sends tool calls and tool results as function_call / function_call_output items', async () => {
      const first = await responses().chat(ask('Weather in Paris?', { tools: [weatherTool] }));
      const call = first.toolCalls[0];
      expect(call).toBeDefined();
      const messages: ChatMessage[] = [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: call?.id ?? '', name: 'get_weather', arguments: call?.arguments ?? '{}' }],
        },
        { role: 'tool', toolCallId: call?.id ?? '', content: '{"temp":21}' },
      ];
      const answer = await responses().chat({ model: target.models.chat, messages, tools: [weatherTool] });
      expect(answer.finishReason).toBe('stop');
      expect(answer.text.length).toBeGreaterThan(0);
      expect(sent()[1]?.input).toEqual([
        { type: 'message', role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: call?.id, name: 'get_weather', arguments: call?.arguments },
        { type: 'function_call_output', call_id: call?.id, output: '{"temp":21}' },
      ]);
    });

    it('asks for JSON-schema output with text.format and gets conforming JSON', async () => {
      const schema = {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer' } },
        required: ['name', 'age'],
        additionalProperties: false,
      };
      const response = await responses().chat(
        ask('A person', { responseFormat: { type: 'json_schema', name: 'person', schema, description: 'A person' } }),
      );
      const parsed = JSON.parse(response.text) as { name: unknown; age: unknown };
      expect(typeof parsed.name).toBe('string');
      expect(Number.isInteger(parsed.age)).toBe(true);
      expect(sent()[0]?.text).toEqual({
        format: { type: 'json_schema', name: 'person', schema, strict: true, description: 'A person' },
      });
      const json = await responses().chat({
        ...ask('Any JSON', { responseFormat: { type: 'json' }, verbosity: 'low' }),
        model: target.models.reasoning,
      });
      expect(() => JSON.parse(json.text)).not.toThrow();
      expect(sent()[1]?.text).toEqual({ format: { type: 'json_object' }, verbosity: 'low' });
    });

    it('sends images as URLs, bytes and file paths (input_image with detail)', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-responses-image-'));
      try {
        const file = join(dir, 'pixel.png');
        await writeFile(file, PNG_1X1);
        const response = await responses().chat({
          model: target.models.chat,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in these images?' },
                { type: 'image', image: 'https://example.com/cat.png', detail: 'low' },
                { type: 'image', image: PNG_1X1 },
                { type: 'image', image: file, detail: 'high' },
              ],
            },
          ],
        });
        expect(response.text).toContain('3 images');
        const content = (sent()[0]?.input as { content: unknown }[] | undefined)?.[0]?.content;
        const dataUrl = expect.stringMatching(/^data:image\/png;base64,/);
        expect(content).toEqual([
          { type: 'input_text', text: 'What is in these images?' },
          { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
          { type: 'input_image', image_url: dataUrl, detail: 'auto' },
          { type: 'input_image', image_url: dataUrl, detail: 'high' },
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('reports reasoning tokens, the reasoning summary (streamed as reasoning-delta) and cached tokens', async () => {
      const request: ChatRequest = {
        model: target.models.reasoning,
        messages: [{ role: 'user', content: 'Why is the sky blue?' }],
        reasoning: { effort: 'high', summary: 'auto' },
        temperature: 0.5,
      };
      const response = await responses().chat(request);
      expect(response.usage?.reasoningTokens).toBeGreaterThan(0);
      expect(response.reasoningSummary?.length).toBeGreaterThan(0);
      expect(sent()[0]).toMatchObject({ reasoning: { effort: 'high', summary: 'auto' } });
      expect(sent()[0]).not.toHaveProperty('temperature');
      const stream = responses().streamChat(request);
      const events = await collect(stream);
      const summary = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.delta] : [])).join('');
      expect(summary.length).toBeGreaterThan(0);
      expect((await stream.response).reasoningSummary).toBe(summary);

      const long = `${'Background facts about the weather, repeated for the prompt cache. '.repeat(120)}Summarise.`;
      await responses().chat(ask(long));
      const cached = await responses().chat(ask(long));
      expect(cached.usage?.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    });

    it('maps incomplete answers (length, content filter) and refusals', async () => {
      const cut = await responses().chat(ask('Write a long essay', { maxOutputTokens: 16 }));
      expect(cut).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_output_tokens' });
      const streamedCut = await responses().streamChat(ask('Write a long essay', { maxOutputTokens: 16 })).response;
      expect(streamedCut.finishReason).toBe('length');
      const filtered = await responses().chat(ask(`Tell me ${TRIGGERS.filterCompletion}`));
      expect(filtered).toMatchObject({ finishReason: 'content-filter', rawFinishReason: 'content_filter' });
      const refusal = await responses().chat(ask(`Something forbidden ${TRIGGERS.refuse}`));
      expect(refusal.refusal).toContain("can't help");
      expect(refusal.text).toBe('');
      const stream = responses().streamChat(ask(`Something forbidden ${TRIGGERS.refuse}`));
      const events = await collect(stream);
      expect(events.some((e) => e.type === 'refusal-delta')).toBe(true);
      expect((await stream.response).refusal).toBe(refusal.refusal);
    });

    it('turns HTTP errors, response.failed, a mid-stream error event and a cut stream into typed errors', async () => {
      harness.server.control.faults.add({ kind: 'status', status: 503, route: 'responses.create', times: 1 });
      expect(await failure(responses().chat(ask('hi')))).toMatchObject({ code: 'server', status: 503 });

      const failed = await failure(responses().chat(ask(`hi ${TRIGGERS.failResponse}`)));
      expect(failed).toMatchObject({ code: 'server', provider: target.name, retryable: true });
      expect(failed.requestId).toBeTruthy();
      const streamFailed = await failure(responses().streamChat(ask(`hi ${TRIGGERS.failResponse}`)).response);
      expect(streamFailed).toMatchObject({ code: 'server', provider: target.name });

      harness.server.control.faults.add({ kind: 'stream-error', route: 'responses.create', afterEvents: 3, times: 1 });
      const midStream = await failure(responses().streamChat(ask('Tell me a story')).response);
      expect(midStream).toMatchObject({ code: 'server', provider: target.name });

      harness.server.control.faults.add({
        kind: 'truncate-stream',
        route: 'responses.create',
        afterEvents: 3,
        times: 1,
      });
      const cut = await failure(responses().streamChat(ask('Tell me a story')).response);
      expect(cut).toMatchObject({ code: 'network' });
      expect(cut.message).toContain('response.completed');
    });

    it('continues a stored conversation with previous_response_id; an unknown id is not found', async () => {
      const first = await responses().chat(ask('My name is Ada.'));
      const second = await responses().chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'What is my name?' }],
        providerOptions: { [target.name]: { previous_response_id: first.id, store: true } },
      });
      expect(second.text.length).toBeGreaterThan(0);
      expect(sent()[1]).toMatchObject({ previous_response_id: first.id, store: true });
      const missing = await failure(
        responses().chat(ask('hi', { providerOptions: { [target.name]: { previous_response_id: 'resp_missing' } } })),
      );
      expect(missing).toMatchObject({ code: 'not-found', status: 404 });
    });

    it('carries reasoning items between turns (encrypted with store: false), plain and streamed', async () => {
      const options = { providerOptions: { [target.name]: { store: false } } };
      const question: ChatMessage = { role: 'user', content: 'Weather in Paris?' };
      const first = await responses().chat({
        model: target.models.reasoning,
        messages: [question],
        tools: [weatherTool],
        ...options,
      });
      expect(sent()[0]).toMatchObject({ store: false, include: ['reasoning.encrypted_content'] });
      const items = first.providerMetadata?.[target.name]?.reasoningItems as Record<string, unknown>[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        type: 'reasoning',
        id: expect.any(String),
        encrypted_content: expect.any(String),
      });
      const call = first.toolCalls[0];
      const history: ChatMessage[] = [
        question,
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: call?.id ?? '', name: call?.name ?? '', arguments: call?.arguments ?? '' }],
          ...(first.providerMetadata ? { providerMetadata: first.providerMetadata } : {}),
        },
        { role: 'tool', toolCallId: call?.id ?? '', content: '{"temp":21}' },
      ];
      const answer = await responses().chat({
        model: target.models.reasoning,
        messages: history,
        tools: [weatherTool],
        ...options,
      });
      expect(answer.finishReason).toBe('stop');
      const input = sent()[1]?.input as Record<string, unknown>[];
      expect(input[1]).toEqual(items[0]);
      expect(input[2]).toMatchObject({ type: 'function_call', call_id: call?.id });

      const stream = responses().streamChat({
        model: target.models.reasoning,
        messages: [question],
        tools: [weatherTool],
        ...options,
      });
      const events = await collect(stream);
      const streamed = await stream.response;
      expect(events.some((e) => e.type === 'provider-metadata')).toBe(true);
      const streamedItems = streamed.providerMetadata?.[target.name]?.reasoningItems as Record<string, unknown>[];
      expect(streamedItems[0]).toMatchObject({ type: 'reasoning', encrypted_content: expect.any(String) });
      const tampered = await failure(
        responses().chat({
          model: target.models.reasoning,
          messages: [
            question,
            {
              ...(history[1] as ChatMessage),
              providerMetadata: {
                [target.name]: { reasoningItems: [{ ...streamedItems[0], encrypted_content: 'forged' }] },
              },
            } as ChatMessage,
            history[2] as ChatMessage,
          ],
          tools: [weatherTool],
          ...options,
        }),
      );
      expect(tampered).toMatchObject({ code: 'invalid-request', status: 400 });
    });

    it('runs the tool loop on a reasoning model with store: false, its reasoning items carried to each next step', async () => {
      const result = await runTools(responses(), {
        model: target.models.reasoning,
        prompt: 'Weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'Weather for a city',
            parameters: z.object({ city: z.string() }),
            execute: ({ city }) => ({ city, temp: 21 }),
          }),
        },
        providerOptions: { [target.name]: { store: false } },
      });
      expect(result.stoppedBy).toBe('answer');
      expect(result.steps).toHaveLength(2);
      const input = sent()[1]?.input as Record<string, unknown>[];
      expect(input.map((item) => item.type)).toEqual(['message', 'reasoning', 'function_call', 'function_call_output']);
      expect(input[1]).toMatchObject({ encrypted_content: expect.any(String) });
    });

    it('switches the wire API per call with providerOptions[name].api, which never reaches the body', async () => {
      const chatProvider = harness.provider();
      await chatProvider.chat(ask('hi', { providerOptions: { [target.name]: { api: 'responses' } } }));
      await chatProvider.streamChat(ask('hi', { providerOptions: { [target.name]: { api: 'responses' } } })).response;
      await responses().chat(ask('hi', { providerOptions: { [target.name]: { api: 'chat-completions' } } }));
      const paths = harness.recorder.requests.map((r) =>
        r.url.pathname.replace(/^.*\/(responses|chat\/completions)$/, '$1'),
      );
      expect(paths).toEqual(['responses', 'responses', 'chat/completions']);
      expect(JSON.stringify(harness.recorder.requests.map((r) => r.body))).not.toContain('"api"');
      const bad = ask('hi', { providerOptions: { [target.name]: { api: 'completions' } } });
      expect(await failure(chatProvider.chat(bad))).toMatchObject({ code: 'invalid-request' });
      expect(await failure(chatProvider.streamChat(bad).response)).toMatchObject({ code: 'invalid-request' });
    });
  });
}
