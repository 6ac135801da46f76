import type { MockServer } from '@switchboard/mock-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectRealtime } from '../src/index.js';
import { openAIProvider, startServer } from './__fixtures__/mock.js';

let server: MockServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

it('smoke', async () => {
  const session = await connectRealtime(openAIProvider(server), {
    model: 'gpt-realtime',
    session: { output_modalities: ['text'] },
  });
  const reply = session.sendText('Hello there');
  const text = await reply;
  console.log(text, session.stats);
  await session.close();
  expect(text).toContain('Hello there');
});
