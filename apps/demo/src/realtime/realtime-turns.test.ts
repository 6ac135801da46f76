import { PassThrough } from 'node:stream';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Output } from '../cli/output.js';
import type { DemoContext } from '../setup/connect.js';
import { audioTurn, openRealtime, textTurn } from './realtime-turns.js';

let server: MockServer;
let demo: DemoContext;
beforeAll(async () => {
  server = await startMockServer();
  demo = { provider: createOpenAIProvider({ apiKey: 'sk-test', baseURL: server.url }) } as DemoContext;
});
afterAll(async () => {
  await server.close();
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { output: new Output({}, stream, stream, {}), text: () => text };
}

describe('realtime turns', () => {
  it('prints the transcript, then the answer, for audio', async () => {
    const session = await openRealtime(demo, { model: 'gpt-realtime', audioInput: true, instructions: 'Be brief.' });
    try {
      const { output, text } = capture();
      const turn = await audioTurn(session, new Int16Array(24_000), output);
      expect(turn.transcript).toBeTruthy();
      expect(turn.status).toBe('completed');
      expect(text()).toMatch(
        new RegExp(
          `^ {2}transcript: ${turn.transcript}\\n {2}\\S[^\\n]*\\n {2}\\[completed · \\d+ in / \\d+ out tokens\\]\\n$`,
        ),
      );
    } finally {
      await session.close();
    }
  });

  it('says so when no transcript arrives (transcription off) and still prints the answer', async () => {
    const session = await openRealtime(demo, { model: 'gpt-realtime' });
    try {
      const { output, text } = capture();
      const turn = await audioTurn(session, new Int16Array(4_800), output, { transcriptGraceMs: 50 });
      expect(turn.transcript).toBeUndefined();
      expect(text()).toMatch(/^ {2}transcript: \(no transcript arrived\)\n/);
      const again = await textTurn(session, 'And now in text', output, new AbortController().signal);
      expect(again.text).toMatch(/And now in text/);
    } finally {
      await session.close();
    }
  });

  it('rejects when the answer fails, without waiting for a transcript', async () => {
    const session = await openRealtime(demo, { model: 'gpt-realtime', audioInput: true });
    const { output } = capture();
    const controller = new AbortController();
    controller.abort();
    await expect(
      audioTurn(session, new Int16Array(4_800), output, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
    await session.close();
  });
});
