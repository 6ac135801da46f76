import { inspect } from 'node:util';
import { expectOpenAI } from '@internal/conformance';
import { AbortedError, AuthenticationError, InvalidRequestError, NetworkError } from '@switchboard/core';
import type { MockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ConnectionStateEvent,
  connectRealtime,
  defineTool,
  type RealtimeSession,
  type RealtimeSessionEvent,
  ResponseInterruptedError,
} from '../src/index.node.js';
import { handledEvents, OPENAI_KEY, openAIProvider, startServer } from './__fixtures__/mock.js';

let server: MockServer;
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  // Everything the session put on the wire is a valid client event of the official spec.
  for (const record of server.realtime.clientEvents()) expectOpenAI('RealtimeClientEvent', record.event);
  server.realtime.clearFaults();
  server.realtime.clearLog();
  server.realtime.setLatency({ firstDeltaMs: 0, betweenDeltasMs: 1 });
});
afterAll(async () => {
  await server.close();
});

async function open(options: Partial<Parameters<typeof connectRealtime>[1]> = {}): Promise<RealtimeSession> {
  const session = await connectRealtime(openAIProvider(server), {
    model: 'gpt-realtime',
    session: { output_modalities: ['text'] },
    ...options,
  });
  sessions.push(session);
  return session;
}

/** A 440 Hz tone, PCM16 at 24 kHz. */
function tone(ms: number): Int16Array {
  const samples = new Int16Array(Math.round((24_000 * ms) / 1000));
  for (let index = 0; index < samples.length; index++) {
    samples[index] = Math.round(Math.sin((2 * Math.PI * 440 * index) / 24_000) * 8000);
  }
  return samples;
}

describe('text round trip on /v1/realtime with the OpenAI provider', () => {
  it('sends the initial session config first, then answers sendText with the assembled text and its deltas', async () => {
    const session = await open({ session: { output_modalities: ['text'], instructions: 'Be brief.' } });
    expect(session.state).toBe('open');
    const deltas: string[] = [];
    session.on('response.output_text.delta', (event) => {
      deltas.push(event.delta);
    });
    const reply = session.sendText('Hello there');
    const streamed: string[] = [];
    for await (const delta of reply.textStream) streamed.push(delta);
    const text = await reply;
    expect(text).toContain('Mock reply to "Hello there"');
    expect(streamed.join('')).toBe(text);
    expect(deltas.join('')).toBe(text);
    const done = await reply.done;
    expect(done).toMatchObject({ status: 'completed', text, responseId: reply.responseId });
    expect(done.usage?.total_tokens).toBeGreaterThan(0);
    expect(session.serverSession).toMatchObject({ instructions: 'Be brief.', output_modalities: ['text'] });
    const types = handledEvents(server).map((event) => event.type);
    expect(types).toEqual(['session.update', 'conversation.item.create', 'response.create']);
  });

  it('lets listeners added right after connecting see session.created', async () => {
    const session = await open();
    const created = session.waitFor('session.created');
    expect((await created).session.model).toBe('gpt-realtime');
  });

  it('delivers every event to `for await`, starting with the ones that arrived during connect', async () => {
    const session = await open();
    const seen: string[] = [];
    const reply = session.sendText('Iterate me');
    for await (const event of session) {
      seen.push(event.type);
      if (event.type === 'response.done') break;
    }
    await reply;
    expect(seen[0]).toBe('connection-state');
    expect(seen).toContain('session.created');
    expect(seen).toContain('session.updated');
    expect(seen).toContain('response.output_text.delta');
    expect(seen.at(-1)).toBe('response.done');
  });

  it('surfaces rate_limits.updated and unknown or malformed events as typed and raw events', async () => {
    const session = await open();
    const limits = session.waitFor('rate_limits.updated');
    await session.sendText('count my tokens');
    expect((await limits).rate_limits[0]).toMatchObject({ name: 'requests' });
    const unknown = session.waitFor('response.future_event');
    const raws: RealtimeSessionEvent[] = [];
    session.on('raw-event', (event) => {
      raws.push(event);
    });
    server.realtime.sendEvent({ type: 'response.future_event', detail: 42 });
    expect(await unknown).toMatchObject({
      type: 'raw-event',
      eventType: 'response.future_event',
      event: { detail: 42 },
    });
    const malformed = session.waitFor('raw-event', {
      filter: (event) => event.eventType === 'response.output_text.delta',
    });
    server.realtime.sendEvent({ type: 'response.output_text.delta', delta: 5 });
    expect((await malformed).issues?.length).toBeGreaterThan(0);
    expect(raws).toHaveLength(2);
  });

  it('turns error events into typed events and rejects the reply they concern, never an unhandled rejection', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 5 });
    const session = await open();
    const errors: string[] = [];
    session.on('error', (event) => {
      errors.push(event.error.type);
    });
    const first = session.createResponse();
    const second = session.createResponse();
    await expect(second.text).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(first.text).resolves.toContain('Hello!');
    session.send({ type: 'conversation.item.delete', item_id: 'item_missing' });
    const error = await session.waitFor('error', {
      filter: (event) => event.error.code === 'item_delete_invalid_item_id',
    });
    expect(error.error.type).toBe('invalid_request_error');
    server.realtime.sendError({ message: 'Injected' });
    await session.waitFor('error', { filter: (event) => event.error.message === 'Injected' });
    expect(errors).toEqual(['invalid_request_error', 'invalid_request_error', 'server_error']);
    expect(session.state).toBe('open');
  });

  it('cancels a reply on request (partial text, status cancelled) and on abort (AbortedError)', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 20 });
    const session = await open();
    const reply = session.sendText('A long answer please');
    await session.waitFor('response.output_text.delta');
    reply.cancel();
    const done = await reply.done;
    expect(done.status).toBe('cancelled');
    const controller = new AbortController();
    const aborted = session.sendText('Another one', { signal: controller.signal });
    await session.waitFor('response.created');
    controller.abort();
    await expect(aborted.text).rejects.toBeInstanceOf(AbortedError);
    await session.waitFor('response.done');
    expect(handledEvents(server, 'response.cancel')).toHaveLength(2);
  });
});

describe('audio round trip', () => {
  it('appends PCM16 in base64 chunks, commits, and returns the spoken reply as PCM16 plus its transcript', async () => {
    const session = await open({ session: { output_modalities: ['audio'] } });
    const audio = tone(300);
    const sent = session.appendAudio(audio, { chunkBytes: 4800 });
    expect(sent).toBe(3);
    const committed = session.waitFor('input_audio_buffer.committed');
    session.commitAudio();
    await committed;
    const reply = session.createResponse();
    const chunks: Uint8Array[] = [];
    for await (const chunk of reply.audioStream) chunks.push(chunk);
    const transcript = await reply.text;
    const pcm = await reply.audio;
    expect(transcript).toContain('Synthetic transcript of 300 ms of audio');
    expect(pcm.byteLength).toBeGreaterThan(0);
    expect(pcm.byteLength % 2).toBe(0);
    expect(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0)).toBe(pcm.byteLength);
    const appended = server.realtime
      .clientEvents()
      .filter((record) => record.type === 'input_audio_buffer.append')
      .map((record) => Buffer.from((record.event as { audio: string }).audio, 'base64'));
    expect(Buffer.concat(appended).equals(Buffer.from(audio.buffer))).toBe(true);
  });

  it('clears the input buffer', async () => {
    const session = await open();
    session.appendAudio(tone(50));
    const cleared = session.waitFor('input_audio_buffer.cleared');
    session.clearAudio();
    await cleared;
  });
});

describe('function calling', () => {
  it('runs the tool handler, sends its result as function_call_output and continues the response', async () => {
    const calls: unknown[] = [];
    const session = await open({
      tools: {
        get_weather: defineTool({
          description: 'The weather in a city.',
          parameters: z.object({ city: z.string() }),
          execute: ({ city }, context) => {
            calls.push({ city, callId: context.callId });
            return { city, forecast: 'sunny' };
          },
        }),
      },
    });
    const results: RealtimeSessionEvent[] = [];
    session.on('tool-result', (event) => {
      results.push(event);
    });
    const reply = session.sendText('What is the weather in Paris?');
    const text = await reply;
    expect(text).toBe('The get_weather tool returned: {"city":"Paris","forecast":"sunny"}');
    const done = await reply.done;
    expect(done.responses).toHaveLength(2);
    expect(done.responses[0]?.output?.[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(calls).toEqual([{ city: 'Paris', callId: expect.any(String) }]);
    expect(results).toEqual([
      expect.objectContaining({
        type: 'tool-result',
        name: 'get_weather',
        output: '{"city":"Paris","forecast":"sunny"}',
      }),
    ]);
    const [update] = server.realtime.clientEvents().map((record) => record.event as { session?: { tools?: unknown } });
    expect(update?.session?.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'The weather in a city.',
        parameters: expect.objectContaining({ type: 'object', required: ['city'] }),
      },
    ]);
    expect(handledEvents(server).map((event) => event.type)).toEqual([
      'session.update',
      'conversation.item.create',
      'response.create',
      'conversation.item.create',
      'response.create',
    ]);
  });

  it('sends the error back to the model when a handler throws', async () => {
    const session = await open({
      tools: {
        lookup_order: {
          parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          execute: () => {
            throw new Error('order service unavailable');
          },
        },
      },
    });
    const result = session.waitFor('tool-result');
    const text = await session.sendText('Please lookup order 42');
    expect(text).toContain('{"error":"order service unavailable"}');
    expect((await result).error).toBeInstanceOf(Error);
  });
});

describe('connection lifecycle', () => {
  it('never puts the key in a URL, a log or util.inspect output', async () => {
    const session = await open();
    await session.sendText('hi');
    for (const upgrade of server.realtime.upgrades) expect(upgrade.url).not.toContain(OPENAI_KEY);
    expect(inspect(session, { depth: 5 })).not.toContain(OPENAI_KEY);
    expect(inspect(session)).toContain("state: 'open'");
  });

  it('rejects a wrong key with AuthenticationError without retrying', async () => {
    const provider = createOpenAIProvider({ apiKey: 'sk-wrong-key-000000000000', baseURL: server.url });
    const attempt = connectRealtime(provider, { model: 'gpt-realtime' });
    await expect(attempt).rejects.toBeInstanceOf(AuthenticationError);
    await expect(attempt).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Incorrect API key') });
    expect(server.realtime.upgrades.filter((upgrade) => upgrade.status === 401)).toHaveLength(1);
  });

  it('closes for good on a normal close from the server (1000), without reconnecting', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 50 });
    const session = await open();
    const pending = session.sendText('cut short');
    await session.waitFor('response.created');
    const states: ConnectionStateEvent[] = [];
    session.on('connection-state', (event) => {
      states.push(event);
    });
    server.realtime.closeAll(1000, 'bye');
    const info = await session.closed;
    expect(info).toEqual({ code: 1000, reason: 'bye' });
    await expect(pending.text).rejects.toBeInstanceOf(ResponseInterruptedError);
    expect(states.map((event) => event.state)).toEqual(['closed']);
    expect(server.realtime.upgrades).toHaveLength(1);
    expect(() => session.sendText('too late')).toThrow(AbortedError);
  });

  it('closes with a typed error on a close code that is not worth retrying (1008)', async () => {
    const session = await open();
    server.realtime.closeAll(1008, 'policy');
    const info = await session.closed;
    expect(info.code).toBe(1008);
    expect(info.error).toBeInstanceOf(NetworkError);
    expect(info.error?.message).toContain('1008 (policy violation)');
  });

  it('close() rejects pending replies with AbortedError, ends iterators and refuses new sends', async () => {
    server.realtime.setLatency({ betweenDeltasMs: 50 });
    const session = await open();
    const reply = session.sendText('never finished');
    const iterator = session[Symbol.asyncIterator]();
    await session.waitFor('response.created');
    await session.close();
    await expect(reply.text).rejects.toBeInstanceOf(AbortedError);
    expect(session.state).toBe('closed');
    expect(session.closeInfo).toEqual({ code: 1000, reason: '' });
    let next = await iterator.next();
    while (!next.done) next = await iterator.next();
    expect(() => session.send({ type: 'response.create' })).toThrow(AbortedError);
    await expect(session.waitFor('response.done')).rejects.toBeInstanceOf(AbortedError);
    await session.close();
  });

  it('closes when the signal aborts, and connectRealtime rejects on an aborted signal', async () => {
    const controller = new AbortController();
    const session = await open({ signal: controller.signal });
    controller.abort();
    await session.closed;
    expect(session.state).toBe('closed');
    await expect(
      connectRealtime(openAIProvider(server), { model: 'gpt-realtime', signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortedError);
  });
});
