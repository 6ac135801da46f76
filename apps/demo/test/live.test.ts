import { describe, expect, it } from 'vitest';
import { runMain } from './support/in-process.ts';

// Against the real services, only when their settings are in the environment (this costs a fraction of a cent).
const openaiKey = process.env.OPENAI_API_KEY;
const azure = process.env.AZURE_OPENAI_ENDPOINT && process.env.AZURE_OPENAI_API_KEY;
if (!openaiKey) console.info('Skipping the live OpenAI demo test: OPENAI_API_KEY is not set.');
if (!azure)
  console.info('Skipping the live Azure demo test: AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are not set.');

describe.skipIf(!openaiKey)('live OpenAI', () => {
  it('answers a question and streams a chat turn', async () => {
    const env = { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
    const ask = await runMain(
      ['ask', 'Reply with the single word: pong', '--model', 'gpt-4.1-nano', '--provider', 'openai'],
      { env },
    );
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stderr).toMatch(/^Live: /);
    expect(ask.stdout.toLowerCase()).toContain('pong');
    const chat = await runMain(
      ['chat', '--model', 'gpt-4.1-nano', '--provider', 'openai', '--max-output-tokens', '20'],
      { env, stdin: 'Say hi.\n' },
    );
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toMatch(/\[openai\/gpt-4\.1-nano · \d+ prompt tokens \(counted \d+ before sending\)/);
  });
});

describe.skipIf(!azure)('live Azure OpenAI', () => {
  it('answers a question', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AZURE_OPENAI_')));
    const ask = await runMain(
      ['ask', 'Reply with the single word: pong', '--provider', 'azure', '--model', 'gpt-4.1-mini'],
      { env },
    );
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stdout.toLowerCase()).toContain('pong');
  });
});
