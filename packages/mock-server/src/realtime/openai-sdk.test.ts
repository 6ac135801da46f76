import { connect } from 'node:net';
import OpenAI, { AzureOpenAI } from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConforms, type Harness, joinDeltas, type ServerEvent, startHarness } from './__fixtures__/harness.js';
import { replyText, toolResultText } from './replies/reply-text.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ apiKeys: ['test-key'], azureApiKeys: ['azure-key'], latency: { betweenDeltasMs: 1 } });
});

afterAll(async () => {
  await harness.close();
});

/** The SDK always builds a `wss:` URL; a plain TCP connection to the loopback server stands in for TLS. */
function plainTcp() {
  return { createConnection: () => connect(harness.port, '127.0.0.1') };
}

/** Wraps an SDK connection: records and validates every event, and waits for types. */
function track(rt: OpenAIRealtimeWS) {
  const events: ServerEvent[] = [];
  const errors: unknown[] = [];
  rt.on('event', (event) => {
    assertConforms(event);
    events.push(event as unknown as ServerEvent);
  });
  rt.on('error', (error) => errors.push(error));
  let cursor = 0;
  /** The first event of `type` at or after index `after` (default: after the last one `until` returned). */
  const until = (type: string, after?: number) =>
    new Promise<ServerEvent>((resolve) => {
      const from = after ?? cursor;
      const check = () => {
        const index = events.findIndex((event, position) => position >= from && event.type === type);
        if (index < 0) return;
        rt.off('event', check);
        cursor = index + 1;
        resolve(events[index] as ServerEvent);
      };
      rt.on('event', check);
      check();
    });
  const closed = new Promise<number>((resolve) => rt.socket.on('close', resolve));
  return { events, errors, until, closed };
}

function openAIRealtime(): OpenAIRealtimeWS {
  const client = new OpenAI({ apiKey: 'test-key', baseURL: `http://127.0.0.1:${harness.port}/v1` });
  return new OpenAIRealtimeWS({ model: 'gpt-realtime', options: plainTcp() }, client);
}

const userText = (text: string) => ({
  type: 'conversation.item.create' as const,
  item: { type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text }] },
});

describe('the official SDK (OpenAIRealtimeWS) on /v1/realtime', () => {
  it('opens a GA session and updates it', async () => {
    const rt = openAIRealtime();
    const { until, closed } = track(rt);
    const created = await until('session.created');
    expect(created.session).toMatchObject({
      type: 'realtime',
      object: 'realtime.session',
      model: 'gpt-realtime',
      output_modalities: ['audio'],
      audio: {
        input: { format: { type: 'audio/pcm', rate: 24000 } },
        output: { format: { type: 'audio/pcm', rate: 24000 } },
      },
    });
    expect(created.event_id).toMatch(/^event_[A-Za-z0-9]{21}$/);
    rt.send({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'], instructions: 'Be brief.' },
    });
    const updated = await until('session.updated');
    expect(updated.session).toMatchObject({ output_modalities: ['text'], instructions: 'Be brief.' });
    rt.close();
    expect(await closed).toBe(1000);
  });

  it('answers a text turn with the GA event sequence and deterministic text', async () => {
    const rt = openAIRealtime();
    const { events, until, closed } = track(rt);
    await until('session.created');
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    await until('session.updated');
    rt.send(userText('Hello there'));
    const added = await until('conversation.item.added');
    expect(added.item).toMatchObject({ type: 'message', role: 'user', status: 'completed', object: 'realtime.item' });
    expect((added.item as { id: string }).id).toMatch(/^item_/);
    await until('conversation.item.done');
    const start = events.length;
    rt.send({ type: 'response.create' });
    const done = await until('response.done', start);
    const rateLimits = await until('rate_limits.updated', start);
    const types = events.slice(start).map((event) => event.type);
    const deltas = types.filter((type) => type === 'response.output_text.delta').length;
    expect(deltas).toBeGreaterThan(3);
    expect(types.filter((type) => type !== 'response.output_text.delta')).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'conversation.item.done',
      'response.done',
      'rate_limits.updated',
    ]);
    const text = joinDeltas(events.slice(start), 'response.output_text.delta');
    expect(text).toBe(replyText('Hello there'));
    expect(events.find((event) => event.type === 'response.output_text.done')?.text).toBe(text);
    const response = done.response as {
      status: string;
      id: string;
      usage: { input_tokens: number; output_tokens: number; total_tokens: number };
      output: unknown[];
    };
    expect(response.status).toBe('completed');
    expect(response.id).toMatch(/^resp_/);
    expect(response.usage.output_tokens).toBe(deltas);
    expect(response.usage.total_tokens).toBe(response.usage.input_tokens + response.usage.output_tokens);
    expect(response.output).toEqual([
      expect.objectContaining({ role: 'assistant', content: [{ type: 'output_text', text }] }),
    ]);
    expect(rateLimits.rate_limits).toEqual([
      expect.objectContaining({ name: 'requests', limit: 5000, remaining: 4999 }),
      expect.objectContaining({ name: 'tokens', limit: 800_000 }),
    ]);
    rt.close();
    await closed;
  });

  it('streams synthetic PCM16 audio with a transcript when audio output is on (the default)', async () => {
    const rt = openAIRealtime();
    const { events, until, closed } = track(rt);
    await until('session.created');
    rt.send(userText('Say something'));
    await until('conversation.item.done');
    const start = events.length;
    rt.send({ type: 'response.create' });
    const done = await until('response.done', start);
    const stream = events.slice(start);
    const transcript = joinDeltas(stream, 'response.output_audio_transcript.delta');
    expect(transcript).toBe(replyText('Say something'));
    const audio = Buffer.concat(
      stream
        .filter((event) => event.type === 'response.output_audio.delta')
        .map((event) => Buffer.from(event.delta as string, 'base64')),
    );
    expect(audio.length % 2).toBe(0);
    expect(audio.length).toBeGreaterThan(48_000 * 0.5);
    const samples = Array.from({ length: 240 }, (_, index) => audio.readInt16LE(index * 2));
    expect(Math.max(...samples)).toBeGreaterThan(1000);
    expect(stream.find((event) => event.type === 'response.output_audio_transcript.done')?.transcript).toBe(transcript);
    expect(stream.some((event) => event.type === 'response.output_audio.done')).toBe(true);
    const response = done.response as { usage: { output_token_details: { audio_tokens: number } }; output: unknown[] };
    expect(response.usage.output_token_details.audio_tokens).toBeGreaterThan(0);
    expect(response.output).toEqual([expect.objectContaining({ content: [{ type: 'output_audio', transcript }] })]);
    rt.close();
    await closed;
  });

  it('calls a function when the user asks for it, then answers with its output', async () => {
    const rt = openAIRealtime();
    const { events, until, closed } = track(rt);
    await until('session.created');
    const tool = {
      type: 'function' as const,
      name: 'get_weather',
      parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    };
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], tools: [tool] } });
    await until('session.updated');
    rt.send(userText("What's the weather in Paris?"));
    await until('conversation.item.done');
    let start = events.length;
    rt.send({ type: 'response.create' });
    const done = await until('response.done', start);
    const argsDone = events.slice(start).find((event) => event.type === 'response.function_call_arguments.done');
    expect(argsDone).toMatchObject({ name: 'get_weather', arguments: '{"location":"Paris"}' });
    expect(joinDeltas(events.slice(start), 'response.function_call_arguments.delta')).toBe('{"location":"Paris"}');
    const call = (done.response as { status: string; output: { type: string; call_id: string }[] }).output[0];
    expect((done.response as { status: string }).status).toBe('completed');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(call?.call_id).toMatch(/^call_/);

    rt.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: call?.call_id as string, output: '{"temperature_c":21}' },
    });
    await until('conversation.item.done', start);
    start = events.length;
    rt.send({ type: 'response.create' });
    await until('response.done', start);
    expect(joinDeltas(events.slice(start), 'response.output_text.delta')).toBe(
      toolResultText('get_weather', '{"temperature_c":21}'),
    );
    rt.close();
    await closed;
  });

  it('cancels a response in flight with status cancelled', async () => {
    harness.controller.setLatency({ betweenDeltasMs: 50 });
    const rt = openAIRealtime();
    const { events, until, closed } = track(rt);
    await until('session.created');
    rt.send(userText('Tell me a long story'));
    await until('conversation.item.done');
    const start = events.length;
    rt.send({ type: 'response.create' });
    const created = await until('response.created', start);
    await until('response.output_audio_transcript.delta', start);
    rt.send({ type: 'response.cancel', response_id: (created.response as { id: string }).id });
    const done = await until('response.done', start);
    harness.controller.setLatency({ betweenDeltasMs: 1 });
    expect(done.response).toMatchObject({
      status: 'cancelled',
      status_details: { type: 'cancelled', reason: 'client_cancelled' },
    });
    expect((done.response as { output: { status: string }[] }).output[0]?.status).toBe('incomplete');
    rt.close();
    await closed;
  });

  it('reports error events through the SDK error channel', async () => {
    const rt = openAIRealtime();
    const { until, errors, closed } = track(rt);
    await until('session.created');
    rt.send({ type: 'response.cancel', event_id: 'evt_client_1' });
    const event = await until('error');
    expect(event.error).toEqual({
      type: 'invalid_request_error',
      code: 'response_cancel_not_active',
      message: 'Cancellation failed: no active response found',
      param: null,
      event_id: 'evt_client_1',
    });
    expect(errors).toHaveLength(1);
    rt.close();
    await closed;
  });
});

describe('the official SDK on Azure (OpenAIRealtimeWS.azure)', () => {
  it('connects to the dated /openai/realtime route with an api-key', async () => {
    const client = new AzureOpenAI({
      apiKey: 'azure-key',
      endpoint: `http://127.0.0.1:${harness.port}`,
      apiVersion: '2025-04-01-preview',
      deployment: 'my-realtime',
    });
    const rt = await OpenAIRealtimeWS.azure(client, { options: plainTcp() });
    const { until, closed, events } = track(rt);
    const created = await until('session.created');
    expect(created.session).toMatchObject({ model: 'my-realtime' });
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    await until('session.updated');
    rt.send(userText('Hi Azure'));
    const start = events.length;
    rt.send({ type: 'response.create' });
    await until('response.done', start);
    expect(joinDeltas(events.slice(start), 'response.output_text.delta')).toBe(replyText('Hi Azure'));
    const info = harness.controller.connections.at(-1);
    expect(info).toMatchObject({ route: 'azure-deployments', model: 'my-realtime', apiVersion: '2025-04-01-preview' });
    rt.close();
    await closed;
  });
});
