import type { ChatRequest } from '@switchboard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer } from '../src/tokenizer.js';

const key = process.env.OPENAI_API_KEY;
if (!key) console.info('Skipping the live token-count test: OPENAI_API_KEY is not set.');

const tokenizer = createTokenizer();
afterAll(() => tokenizer.dispose());

/** The prompt tokens OpenAI reports for a request (one output token, nothing else). */
async function promptTokens(request: ChatRequest): Promise<number> {
  const base = process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  const response = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: request.model,
      max_completion_tokens: 1,
      messages: request.messages.map((message) => ({ ...message })),
      tools: request.tools?.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      })),
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { usage?: { prompt_tokens: number }; error?: unknown };
  if (!response.ok || !body.usage) throw new Error(`OpenAI answered ${response.status}: ${JSON.stringify(body.error)}`);
  return body.usage.prompt_tokens;
}

describe.skipIf(!key)('countChatTokens against the live API', () => {
  it('matches prompt_tokens for text messages with names', async () => {
    const request: ChatRequest = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful, pattern-following assistant.' },
        { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
        { role: 'user', content: "This late pivot means we don't have time to boil the ocean." },
      ],
    };
    expect(tokenizer.countChatTokens(request).total).toBe(await promptTokens(request));
  });

  it('matches prompt_tokens for the weather tool', async () => {
    const request: ChatRequest = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: "What's the weather like in San Francisco?" }],
      tools: [
        {
          name: 'get_current_weather',
          description: 'Get the current weather in a given location',
          parameters: {
            type: 'object',
            properties: {
              location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
              unit: { type: 'string', description: 'The unit', enum: ['celsius', 'fahrenheit'] },
            },
            required: ['location'],
          },
        },
      ],
    };
    expect(tokenizer.countChatTokens(request).total).toBe(await promptTokens(request));
  });
});
