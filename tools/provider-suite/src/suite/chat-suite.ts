import { getEventListeners } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRIGGERS } from '@switchboard/mock-server';
import { describe, expect, it } from 'vitest';
import { type Harness, sentBodies } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

/** A 1×1 PNG. */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

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

/** `chat`: text, tools, structured output, refusal, vision, conversation history, options, keys. */
export function describeChat(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: chat`, () => {
    it('leaves no abort listener on a long-lived caller signal (the SDK never removes its own)', async () => {
      const caller = new AbortController();
      const request = { model: target.models.chat, messages: [{ role: 'user' as const, content: 'hi' }] };
      for (let i = 0; i < 12; i++) await harness.provider().chat(request, { signal: caller.signal });
      await harness.provider().checkConnection?.({ signal: caller.signal });
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    });

    it('answers with text, usage, request id and finish reason', async () => {
      const response = await harness.provider().chat({
        model: target.models.chat,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello' },
        ],
        temperature: 0.2,
        topP: 0.9,
        seed: 7,
        stop: ['\n\n'],
        presencePenalty: 0.1,
        frequencyPenalty: 0.1,
        maxOutputTokens: 30,
        user: 'user-1',
      });
      expect(response.text.length).toBeGreaterThan(0);
      expect(response.id).toMatch(/^chatcmpl-/);
      expect(['stop', 'length']).toContain(response.finishReason);
      expect(response.usage?.inputTokens).toBeGreaterThan(0);
      expect(response.usage?.totalTokens).toBe(
        (response.usage?.inputTokens ?? 0) + (response.usage?.outputTokens ?? 0),
      );
      expect(response.requestId).toMatch(/^req_/);
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body).toMatchObject({ max_completion_tokens: 30, temperature: 0.2, top_p: 0.9, seed: 7, user: 'user-1' });
      expect(body).not.toHaveProperty('max_tokens');
    });

    it('reports parsed x-ratelimit-* headers', async () => {
      harness.server.control.rateLimits.configure({ rpm: 100, tpm: 100_000 });
      const response = await harness
        .provider()
        .chat({ model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] });
      expect(response.rateLimit?.remainingRequests).toBeGreaterThanOrEqual(0);
      expect(response.rateLimit?.remainingTokens).toBeGreaterThan(0);
      harness.server.control.rateLimits.configure({});
    });

    it('calls tools and parses the arguments', async () => {
      const response = await harness.provider().chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weatherTool],
        toolChoice: { type: 'tool', name: 'get_weather' },
        parallelToolCalls: false,
      });
      expect(response.finishReason).toBe('tool-calls');
      expect(response.toolCalls).toHaveLength(1);
      expect(response.toolCalls[0]?.name).toBe('get_weather');
      expect(response.toolCalls[0]?.parsedArguments).toMatchObject({ city: expect.any(String) });
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body?.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
      expect(body?.parallel_tool_calls).toBe(false);
    });

    it('sends a conversation with tool calls and tool results', async () => {
      const response = await harness.provider().chat({
        model: target.models.chat,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: '{"temp":21}' },
          { role: 'assistant', content: 'It is 21°C.', name: 'bot' },
          { role: 'user', content: 'Thanks', name: 'alice' },
        ],
        tools: [weatherTool],
        toolChoice: 'none',
      });
      expect(response.text.length).toBeGreaterThan(0);
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body?.messages).toEqual([
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        { role: 'assistant', content: 'It is 21°C.', name: 'bot' },
        { role: 'user', content: 'Thanks', name: 'alice' },
      ]);
    });

    it('returns JSON that follows a json_schema response format', async () => {
      const schema = {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer' } },
        required: ['name', 'age'],
        additionalProperties: false,
      };
      const response = await harness.provider().chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'A person' }],
        responseFormat: { type: 'json_schema', name: 'person', schema, description: 'A person' },
      });
      expect(JSON.parse(response.text)).toMatchObject({ name: expect.any(String), age: expect.any(Number) });
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body?.response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'person', schema, strict: true, description: 'A person' },
      });
    });

    it('asks for JSON mode and plain text formats', async () => {
      const provider = harness.provider();
      await provider.chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'Reply in JSON' }],
        responseFormat: { type: 'json' },
      });
      await provider.chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'x' }],
        responseFormat: { type: 'text' },
      });
      const bodies = sentBodies(harness.recorder, '/chat/completions');
      expect(bodies.map((b) => b.response_format)).toEqual([{ type: 'json_object' }, { type: 'text' }]);
    });

    it('reports a refusal', async () => {
      const response = await harness.provider().chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: `Do something bad ${TRIGGERS.refuse}` }],
      });
      expect(response.refusal).toMatch(/sorry/i);
      expect(response.text).toBe('');
    });

    it('sends images as URLs, bytes and file paths with their detail level', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-vision-'));
      try {
        const path = join(dir, 'pixel.png');
        await writeFile(path, PNG_1X1);
        const response = await harness.provider().chat({
          model: target.models.chat,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'What is in these images?' },
                { type: 'image', image: 'https://example.com/cat.jpg', detail: 'low' },
                { type: 'image', image: PNG_1X1, detail: 'high' },
                { type: 'image', image: path },
                { type: 'image', image: { path }, detail: 'auto' },
              ],
            },
          ],
        });
        expect(response.text.length).toBeGreaterThan(0);
        const [body] = sentBodies(harness.recorder, '/chat/completions');
        const content = (body as { messages: { content: unknown[] }[] }).messages[0]?.content;
        const dataUrl = `data:image/png;base64,${Buffer.from(PNG_1X1).toString('base64')}`;
        expect(content).toEqual([
          { type: 'text', text: 'What is in these images?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } },
          { type: 'image_url', image_url: { url: dataUrl, detail: 'high' } },
          { type: 'image_url', image_url: { url: dataUrl } },
          { type: 'image_url', image_url: { url: dataUrl, detail: 'auto' } },
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('uses max_completion_tokens and leaves out sampling options for reasoning models', async () => {
      await harness.provider().chat({
        model: target.models.reasoning,
        messages: [{ role: 'user', content: 'Think' }],
        temperature: 0.5,
        topP: 0.5,
        maxOutputTokens: 50,
        reasoningEffort: 'low',
      });
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body).toMatchObject({ max_completion_tokens: 50, reasoning_effort: 'low' });
      expect(body).not.toHaveProperty('temperature');
      expect(body).not.toHaveProperty('top_p');
    });

    it(`passes providerOptions.${target.name} through untouched`, async () => {
      await harness.provider().chat({
        model: target.models.chat,
        messages: [{ role: 'user', content: 'hi' }],
        providerOptions: { [target.name]: { logprobs: true, top_logprobs: 2, store: false }, other: { ignored: true } },
      });
      const [body] = sentBodies(harness.recorder, '/chat/completions');
      expect(body).toMatchObject({ logprobs: true, top_logprobs: 2, store: false });
      expect(body).not.toHaveProperty('ignored');
    });

    it('calls an async key function before every request', async () => {
      let calls = 0;
      const provider = harness.provider({
        apiKey: async () => {
          calls++;
          return target.goodKey;
        },
      });
      await provider.chat({ model: target.models.chat, messages: [{ role: 'user', content: 'one' }] });
      await provider.chat({ model: target.models.chat, messages: [{ role: 'user', content: 'two' }] });
      expect(calls).toBe(2);
    });

    it('sends per-call headers', async () => {
      await harness
        .provider()
        .chat(
          { model: target.models.chat, messages: [{ role: 'user', content: 'hi' }] },
          { headers: { 'x-trace-id': 'trace-1' } },
        );
      expect(harness.recorder.requests[0]?.headers.get('x-trace-id')).toBe('trace-1');
    });
  });
}
