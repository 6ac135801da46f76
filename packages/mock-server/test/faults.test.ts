import { expectAzure, expectOpenAI, parseSseData } from '@internal/conformance';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { azureClient, collect, openaiClient, startTestServer } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.control.reset());
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'fault me' }];
const ask = (client = openaiClient(server)) => client.chat.completions.create({ model: 'gpt-4o', messages });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { status?: number; code?: string },
  );

describe('status faults', () => {
  it.each([500, 502, 503, 408, 409])('answers %i with a spec-valid error body on both surfaces', async (status) => {
    server.control.faults.add({ kind: 'status', status, times: 2 });
    const error = await failure(ask());
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error?.status).toBe(status);
    const raw = await fetch(`${server.origin}/openai/deployments/d/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'api-key': 'sk-test-mock-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({ messages }),
    });
    expect(raw.status).toBe(status);
    expectAzure('errorResponse', await raw.json());
    server.control.faults.add({ kind: 'status', status, times: 1 });
    const openaiRaw = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-mock-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages }),
    });
    expect(openaiRaw.status).toBe(status);
    expectOpenAI('ErrorResponse', await openaiRaw.json());
    expect((await ask()).choices).toHaveLength(1);
  });

  it('validates the OpenAI error body and sends Retry-After when asked', async () => {
    server.control.faults.add({ kind: 'status', status: 503, retryAfterSeconds: 2, times: 1 });
    const response = await fetch(`${server.url}/models`, {
      headers: { authorization: 'Bearer sk-test-mock-key-0001' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('retry-after-ms')).toBe('2000');
    expectOpenAI('ErrorResponse', await response.json());
    server.control.faults.add({ kind: 'status', status: 418, times: 1 });
    expect((await failure(ask()))?.status).toBe(418);
  });

  it('sends x-should-retry when asked, and refuses a non-boolean', async () => {
    server.control.faults.add({ kind: 'status', status: 500, shouldRetry: false, times: 1 });
    const response = await fetch(`${server.url}/models`, {
      headers: { authorization: 'Bearer sk-test-mock-key-0001' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(() => server.control.faults.add({ kind: 'status', shouldRetry: 'no' as never })).toThrow(
      /shouldRetry must be a boolean/,
    );
  });

  it('answers 400 context_length_exceeded when the prompt and the requested output do not fit', async () => {
    const long = 'word '.repeat(9_000);
    const error = await failure(
      openaiClient(server).chat.completions.create({ model: 'gpt-4', messages: [{ role: 'user', content: long }] }),
    );
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
    expect((error as Error).message).toContain("This model's maximum context length is 8192 tokens");
    const withOutput = await failure(
      openaiClient(server).chat.completions.create({ model: 'gpt-4o', max_tokens: 127_999, messages }),
    );
    expect((withOutput as Error).message).toMatch(
      /you requested \d+ tokens \(\d+ in the messages, 127999 in the completion\)/,
    );
    expect(
      (await openaiClient(server).chat.completions.create({ model: 'mystery-model', messages })).choices,
    ).toHaveLength(1);
  });

  it('applies only to the next N matching requests, by route, model and surface', async () => {
    server.control.faults.add({ kind: 'status', status: 500, route: 'embeddings', times: 1 });
    server.control.faults.add({ kind: 'status', status: 502, model: 'gpt-4.1', times: 2 });
    server.control.faults.add({ kind: 'status', status: 503, surface: 'azure', times: 1 });
    expect((await ask()).choices).toHaveLength(1);
    const client = openaiClient(server);
    expect((await failure(client.chat.completions.create({ model: 'gpt-4.1', messages })))?.status).toBe(502);
    expect((await failure(client.chat.completions.create({ model: 'gpt-4.1', messages })))?.status).toBe(502);
    expect((await client.chat.completions.create({ model: 'gpt-4.1', messages })).choices).toHaveLength(1);
    expect((await failure(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })))?.status).toBe(
      500,
    );
    expect((await failure(azureClient(server).chat.completions.create({ model: 'dep', messages })))?.status).toBe(503);
    expect(server.control.faults.list()).toEqual([]);
    expect(server.control.requests().filter((entry) => entry.fault === 'status')).toHaveLength(4);
  });

  it('fails at roughly the configured probability, repeatably for a seed', async () => {
    server.control.faults.add({ kind: 'status', status: 500, probability: 0.3 });
    let failures = 0;
    for (let i = 0; i < 100; i++) if (await failure(openaiClient(server).models.list())) failures++;
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(55);
    const [installed] = server.control.faults.list();
    expect(installed?.hits).toBe(failures);
  });

  it('fails every request at fault rate 1 and none at 0', async () => {
    const flaky = await startTestServer({ faultRate: 1 });
    try {
      expect((await failure(openaiClient(flaky).models.list()))?.status).toBe(500);
      flaky.control.faults.setFaultRate(0);
      expect((await openaiClient(flaky).models.list()).data.length).toBeGreaterThan(0);
      expect(() => flaky.control.faults.setFaultRate(-1)).toThrow(TypeError);
    } finally {
      await flaky.close();
    }
  });

  it('answers insufficient_quota on demand, per key or for all', async () => {
    server.control.faults.add({ kind: 'insufficient-quota', times: 1 });
    const error = await failure(ask());
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('insufficient_quota');
  });
});

describe('connection faults', () => {
  it('resets the connection', async () => {
    server.control.faults.add({ kind: 'reset', times: 1 });
    const error = await failure(ask());
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(server.control.requests()[0]?.status).toBe(0);
    expect((await ask()).choices).toHaveLength(1);
  });

  it('hangs until the client gives up', async () => {
    server.control.faults.add({ kind: 'hang', times: 1 });
    const client = new OpenAI({ baseURL: server.url, apiKey: 'sk-test-mock-key-0001', maxRetries: 0, timeout: 200 });
    const started = Date.now();
    const error = await failure(client.chat.completions.create({ model: 'gpt-4o', messages }));
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    server.control.faults.add({ kind: 'hang', times: 1 });
    const aborted = new AbortController();
    const pending = failure(
      openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages }, { signal: aborted.signal }),
    );
    setTimeout(() => aborted.abort(), 50);
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it('delays headers, then answers normally', async () => {
    server.control.faults.add({ kind: 'slow-headers', delayMs: 150, times: 1 });
    const started = Date.now();
    expect((await ask()).choices).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.control.faults.add({ kind: 'slow-headers', delayMs: 5_000, times: 1 });
    const client = new OpenAI({ baseURL: server.url, apiKey: 'sk-test-mock-key-0001', maxRetries: 0, timeout: 100 });
    expect(await failure(client.models.list())).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });
});

describe('body and stream faults', () => {
  it('sends malformed JSON with status 200, every time', async () => {
    // Scoped to a model no other request uses, so nothing else can take the fault.
    const send = async () => {
      server.control.faults.add({ kind: 'malformed-json', model: 'malformed-json-model', times: 1 });
      const response = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test-mock-key-0001', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'malformed-json-model', messages, seed: 7 }),
      });
      expect(response.status).toBe(200);
      expect(server.control.requests().at(-1)?.fault).toBe('malformed-json');
      return response.text();
    };
    const first = await send();
    expect(() => JSON.parse(first)).toThrow();
    for (let i = 0; i < 5; i++) {
      const again = await send();
      expect(() => JSON.parse(again)).toThrow();
      expect(again.startsWith('{')).toBe(true);
    }
  });

  it('sends a stream chunk that is not JSON', async () => {
    server.control.faults.add({ kind: 'malformed-json', times: 1 });
    const stream = await openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    await expect(collect(stream)).rejects.toThrow();
  });

  it('stops a stream without [DONE] after the given number of events', async () => {
    server.control.faults.add({ kind: 'truncate-stream', afterEvents: 3, times: 1 });
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-mock-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages, stream: true }),
    });
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(3);
    const chunks = await collect(
      await openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages, stream: true }),
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('sends an error event in the middle of a stream (the SDK throws it)', async () => {
    server.control.faults.add({ kind: 'stream-error', afterEvents: 2, times: 1 });
    const received: unknown[] = [];
    const stream = await openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const error = await failure(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error?.message).toContain('The server had an error');
    expect(received).toHaveLength(2);
    server.control.faults.add({ kind: 'stream-error', afterEvents: 1, times: 1 });
    const raw = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-mock-key-0001', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages, stream: true }),
    });
    const { events, done } = parseSseData(await raw.text());
    expect(done).toBe(false);
    expectOpenAI('CreateChatCompletionStreamResponse', events[0]);
    expectOpenAI('ErrorResponse', events[1]);
  });

  it('skips stream-only faults for non-streaming requests', async () => {
    server.control.faults.add({ kind: 'truncate-stream' });
    expect((await ask()).choices).toHaveLength(1);
    expect(server.control.faults.list()[0]?.hits).toBe(0);
  });

  it('applies stream faults with latency too, and stops writing when the client leaves', async () => {
    server.control.setLatency({ timeToFirstTokenMs: 5, interChunkMs: 2 });
    try {
      server.control.faults.add({ kind: 'truncate-stream', afterEvents: 4, times: 1 });
      const chunks = await collect(
        await openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages, stream: true }),
      );
      expect(chunks).toHaveLength(4);
      const stream = await openaiClient(server).chat.completions.create({ model: 'gpt-4o', messages, stream: true });
      for await (const _chunk of stream) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.control.requests().at(-1)?.status).toBe(200);
    } finally {
      server.control.setLatency({ timeToFirstTokenMs: 0, interChunkMs: 0 });
    }
  });
});
