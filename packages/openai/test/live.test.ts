import { createRecordingFetch, PNG_1X1, validateOpenAIRequest } from '@internal/provider-suite';
import type { BatchService } from '@switchboard/core';
import { generateObject, runTools, sniffImageType, tool } from '@switchboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAIProvider } from '../src/index.js';

const key = process.env.OPENAI_API_KEY;
const chatModel = process.env.OPENAI_LIVE_CHAT_MODEL ?? 'gpt-4o-mini';
const reasoningModel = process.env.OPENAI_LIVE_REASONING_MODEL ?? 'gpt-5-mini';
if (!key) console.info('Skipping the live OpenAI tests (Chat Completions and Responses): OPENAI_API_KEY is not set.');

/** Against the real API, only when a key is set: the same calls as the mock suite, kept small and cheap. */
describe.skipIf(!key)('live OpenAI API', () => {
  const recorder = createRecordingFetch();
  const provider = () =>
    createOpenAIProvider({
      apiKey: key as string,
      fetch: recorder.fetch,
      timeoutMs: 60_000,
      ...(process.env.OPENAI_BASE_URL ? { baseURL: process.env.OPENAI_BASE_URL } : {}),
    });

  afterEach(async () => {
    await recorder.settled();
    const problems = recorder.requests.flatMap((request) => validateOpenAIRequest(request));
    recorder.clear();
    expect(problems).toEqual([]);
  });

  it('chat', { timeout: 60_000 }, async () => {
    const response = await provider().chat({
      model: chatModel,
      messages: [{ role: 'user', content: 'Reply with the single word: pong' }],
      maxOutputTokens: 10,
    });
    expect(response.text.toLowerCase()).toContain('pong');
    expect(response.usage?.totalTokens).toBeGreaterThan(0);
    expect(response.requestId).toBeTruthy();
    expect(response.rateLimit?.limitRequests).toBeGreaterThan(0);
  });

  it('stream', { timeout: 60_000 }, async () => {
    const stream = provider().streamChat({
      model: chatModel,
      messages: [{ role: 'user', content: 'Count from 1 to 5, separated by spaces.' }],
      maxOutputTokens: 30,
    });
    let text = '';
    for await (const delta of stream.textStream) text += delta;
    const response = await stream.response;
    expect(response.text).toBe(text);
    expect(text).toMatch(/1.*5/);
    expect(response.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('vision', { timeout: 60_000 }, async () => {
    const response = await provider().chat({
      model: chatModel,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'This is a tiny image. Answer with one word: is it an image? yes or no.' },
            { type: 'image', image: PNG_1X1, detail: 'low' },
          ],
        },
      ],
      maxOutputTokens: 5,
    });
    expect(response.text.length).toBeGreaterThan(0);
  });

  it('image', { timeout: 120_000 }, async () => {
    const response = await provider().generateImage?.({
      model: 'dall-e-2',
      prompt: 'A small red square on a white background',
      size: '256x256',
      responseFormat: 'b64_json',
    });
    const bytes = response?.images[0]?.bytes;
    expect(bytes && sniffImageType(bytes)).toBe('image/png');
  });

  it('embeddings', { timeout: 60_000 }, async () => {
    const response = await provider().embed?.({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
      dimensions: 8,
    });
    expect(response?.embeddings.map((v) => v.length)).toEqual([8, 8]);
  });

  it('checkConnection and batch file listing stay read-only', { timeout: 60_000 }, async () => {
    const status = await provider().checkConnection?.();
    expect(status?.ok).toBe(true);
    const batches = provider().batches as BatchService;
    for await (const job of batches.list({ limit: 1 })) {
      expect(job.id).toMatch(/^batch_/);
      break;
    }
  });
});

/** The Responses API against the real service, only when a key is set. */
describe.skipIf(!key)('live OpenAI Responses API', () => {
  const recorder = createRecordingFetch();
  const provider = () =>
    createOpenAIProvider({
      apiKey: key as string,
      api: 'responses',
      fetch: recorder.fetch,
      timeoutMs: 60_000,
      ...(process.env.OPENAI_BASE_URL ? { baseURL: process.env.OPENAI_BASE_URL } : {}),
    });

  afterEach(async () => {
    await recorder.settled();
    const problems = recorder.requests.flatMap((request) => validateOpenAIRequest(request));
    recorder.clear();
    expect(problems).toEqual([]);
  });

  it('chat and stream', { timeout: 60_000 }, async () => {
    const request = {
      model: chatModel,
      messages: [
        { role: 'system' as const, content: 'Answer in one word.' },
        { role: 'user' as const, content: 'Reply with the single word: pong' },
      ],
      maxOutputTokens: 16,
    };
    const response = await provider().chat(request);
    expect(response.text.toLowerCase()).toContain('pong');
    expect(response.id).toMatch(/^resp_/);
    const stream = provider().streamChat(request);
    let text = '';
    for await (const delta of stream.textStream) text += delta;
    expect((await stream.response).text).toBe(text);
  });

  it('generateObject and runTools', { timeout: 120_000 }, async () => {
    const { object } = await generateObject(provider(), {
      model: chatModel,
      schema: z.object({ city: z.string(), country: z.string() }),
      prompt: 'The capital of France, as city and country.',
    });
    expect(object.city).toMatch(/paris/i);
    const result = await runTools(provider(), {
      model: chatModel,
      messages: [{ role: 'user', content: 'What is 12.5 times 4? Use the tool.' }],
      tools: {
        multiply: tool({
          description: 'Multiplies two numbers',
          parameters: z.object({ a: z.number(), b: z.number() }),
          execute: ({ a, b }) => ({ product: a * b }),
        }),
      },
      maxSteps: 3,
    });
    expect(result.text).toContain('50');
  });

  it('carries encrypted reasoning items between turns with store: false', { timeout: 120_000 }, async () => {
    const first = await provider().chat({
      model: reasoningModel,
      messages: [{ role: 'user', content: 'Think briefly, then answer: what is 17 * 3?' }],
      reasoning: { effort: 'low' },
      providerOptions: { openai: { store: false } },
    });
    const items = first.providerMetadata?.openai?.reasoningItems as { encrypted_content?: string }[] | undefined;
    expect(items?.[0]?.encrypted_content).toBeTruthy();
    const second = await provider().chat({
      model: reasoningModel,
      messages: [
        { role: 'user', content: 'Think briefly, then answer: what is 17 * 3?' },
        {
          role: 'assistant',
          content: first.text,
          ...(first.providerMetadata ? { providerMetadata: first.providerMetadata } : {}),
        },
        { role: 'user', content: 'And that plus one?' },
      ],
      reasoning: { effort: 'low' },
      providerOptions: { openai: { store: false } },
    });
    expect(second.text).toContain('52');
  });
});
