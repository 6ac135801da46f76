import { createAzureProvider } from '@switchboard/azure';
import { createOpenAIProvider } from '@switchboard/openai';
import { describe, expect, it } from 'vitest';
import { connectRealtime, type RealtimeCapableProvider } from '../src/index.node.js';

// Live tests run only with real credentials; without them they are skipped with the reason printed.
const openAIKey = process.env.OPENAI_API_KEY;
const azureReady = Boolean(process.env.AZURE_OPENAI_ENDPOINT && process.env.AZURE_OPENAI_API_KEY);
const openAIModel = process.env.OPENAI_REALTIME_MODEL ?? 'gpt-realtime';
const azureModel = process.env.AZURE_OPENAI_REALTIME_DEPLOYMENT ?? 'gpt-realtime';

if (!openAIKey) console.info('Skipping live OpenAI realtime tests: OPENAI_API_KEY is not set.');
if (!azureReady) {
  console.info('Skipping live Azure realtime tests: AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY are not both set.');
}

async function roundTrip(provider: RealtimeCapableProvider, model: string): Promise<void> {
  const session = await connectRealtime(provider, { model, session: { output_modalities: ['text'] } });
  try {
    const reply = session.sendText('Reply with the single word: ready');
    const deltas: string[] = [];
    for await (const delta of reply.textStream) deltas.push(delta);
    const text = await reply;
    expect(text.toLowerCase()).toContain('ready');
    expect(deltas.join('')).toBe(text);
  } finally {
    await session.close();
  }
}

describe.skipIf(!openAIKey)('live: OpenAI Realtime', () => {
  it('round-trips text', () => roundTrip(createOpenAIProvider.fromEnv(), openAIModel), 60_000);
});

describe.skipIf(!azureReady)('live: Azure OpenAI Realtime', () => {
  it('round-trips text', () => roundTrip(createAzureProvider.fromEnv(), azureModel), 60_000);
});
