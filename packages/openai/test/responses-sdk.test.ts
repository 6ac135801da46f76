import { expectOpenAI } from '@internal/conformance';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOpenAIProvider } from '../src/index.js';

const KEY = 'sk-test-mock-key-0123456789';
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ apiKeys: [KEY] });
});
afterAll(async () => {
  await server.close();
});

// The official SDK's `client.responses` and the provider share one stored conversation on the mock: a turn started by
// either continues with the other through previous_response_id, and the SDK reads back what the provider created.
it('interoperates with the official SDK client.responses on one stored conversation', async () => {
  const client = new OpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
  const first = await client.responses.create({
    model: 'gpt-4o-mini',
    instructions: 'Be brief.',
    input: 'My name is Ada.',
  });
  expectOpenAI('Response', JSON.parse(JSON.stringify(first)));
  expect(first.output_text.length).toBeGreaterThan(0);

  const provider = createOpenAIProvider({ apiKey: KEY, baseURL: server.url, api: 'responses' });
  const second = await provider.chat({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'What is my name?' }],
    providerOptions: { openai: { previous_response_id: first.id } },
  });
  const stored = await client.responses.retrieve(second.id);
  expect(stored.previous_response_id).toBe(first.id);
  expect(stored.output_text).toBe(second.text);
  expect(stored.usage?.input_tokens).toBe(second.usage?.inputTokens);

  const third = await client.responses.create({
    model: 'gpt-4o-mini',
    input: [{ role: 'user', content: 'Thanks!' }],
    previous_response_id: second.id,
    stream: true,
  });
  let text = '';
  for await (const event of third) if (event.type === 'response.output_text.delta') text += event.delta;
  expect(text.length).toBeGreaterThan(0);
});
