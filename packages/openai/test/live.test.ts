import { createRecordingFetch, PNG_1X1, validateOpenAIRequest } from '@internal/provider-suite';
import type { BatchService } from '@switchboard/core';
import { sniffImageType } from '@switchboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../src/index.js';

const key = process.env.OPENAI_API_KEY;
const chatModel = process.env.OPENAI_LIVE_CHAT_MODEL ?? 'gpt-4o-mini';
if (!key) console.info('Skipping the live OpenAI tests: OPENAI_API_KEY is not set.');

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
