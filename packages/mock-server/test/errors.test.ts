import { expectOpenAI } from '@internal/conformance';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { openaiClient, rawFetch, startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());

async function errorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

async function post(path: string, body: string, key?: string | null) {
  const response = await rawFetch(server, path, { method: 'POST', body, key });
  return { status: response.status, body: await response.json() };
}

const chat = (extra: Record<string, unknown>) =>
  JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('authentication', () => {
  it('rejects a wrong key with the real 401 body, never echoing the key', async () => {
    const client = openaiClient(server, 'sk-wrong-key-123456789');
    const error = await errorOf(client.models.list());
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).toContain('Incorrect API key provided: sk-');
    expect(error.message).not.toContain('sk-wrong-key-123456789');
    const response = await rawFetch(server, '/v1/models', { key: 'sk-wrong-key-123456789' });
    expectOpenAI('ErrorResponse', await response.json());
  });

  it('rejects a missing key with the real message', async () => {
    const response = await rawFetch(server, '/v1/models', { key: null });
    expect(response.status).toBe(401);
    const body = expectOpenAI('ErrorResponse', await response.json());
    expect(body.error.message).toMatch(/^You didn't provide an API key/);
    expect(body.error.code).toBeNull();
  });

  it('accepts any key when no keys are configured', async () => {
    const open = await (await import('../src/index.js')).startMockServer();
    try {
      const models = await openaiClient(open, 'anything').models.list();
      expect(models.data.length).toBeGreaterThan(0);
    } finally {
      await open.close();
    }
  });
});

describe('bad input', () => {
  it('answers malformed JSON with the real 400', async () => {
    const { status, body } = await post('/v1/chat/completions', '{"model": "gpt-4o", ');
    expect(status).toBe(400);
    expect(expectOpenAI('ErrorResponse', body).error.message).toMatch(/^We could not parse the JSON body/);
  });

  it('answers wrong-typed, missing, unknown and out-of-range fields like the real API', async () => {
    const cases: Array<[string, string, string | null]> = [
      [
        chat({ temperature: 'hot' }),
        "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        'temperature',
      ],
      [chat({ n: 1.5 }), "Invalid type for 'n': expected an integer", 'n'],
      [chat({ temperature: 3 }), 'above maximum value', 'temperature'],
      [chat({ max_token: 5 }), 'Unrecognized request argument supplied: max_token', null],
      [chat({ max_tokens: 5, max_completion_tokens: 5 }), 'cannot both be set', 'max_tokens'],
      [chat({ stream_options: { include_usage: true } }), "only allowed when 'stream' is enabled", 'stream_options'],
      [chat({ stop: 5 }), "Invalid type for 'stop'", 'stop'],
      [chat({ tool_choice: 'auto' }), "'tool_choice' is only allowed when 'tools' are specified", 'tool_choice'],
      [
        chat({ tools: [{ type: 'function', function: { name: 'bad name!' } }] }),
        'does not match pattern',
        'tools[0].function.name',
      ],
      [
        chat({
          tools: [{ type: 'function', function: { name: 'a' } }],
          tool_choice: { type: 'function', function: { name: 'b' } },
        }),
        "tool choice 'b' not found",
        'tool_choice',
      ],
      [chat({ response_format: { type: 'xml' } }), "Invalid value: 'xml'", 'type'],
      [
        chat({ response_format: { type: 'json_schema' } }),
        'response_format.json_schema',
        'response_format.json_schema',
      ],
      [JSON.stringify({ model: 'gpt-4o' }), "Missing required parameter: 'messages'.", 'messages'],
      [JSON.stringify({ model: 'gpt-4o', messages: 'hi' }), "Invalid type for 'messages'", 'messages'],
      [JSON.stringify({ messages: [{ role: 'user', content: 'x' }] }), 'you must provide a model parameter', null],
      [JSON.stringify({ model: 7, messages: [{ role: 'user', content: 'x' }] }), "Invalid type for 'model'", 'model'],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'robot', content: 'x' }] }),
        "Invalid value: 'robot'",
        'messages[0].role',
      ],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ content: 'x' }] }),
        "Missing required parameter: 'messages[0].role'.",
        'messages[0].role',
      ],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user' }] }),
        "Missing required parameter: 'messages[0].content'.",
        'messages[0].content',
      ],
      [JSON.stringify({ model: 'gpt-4o', messages: ['x'] }), "Invalid type for 'messages[0]'", 'messages[0]'],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'tool', content: 'x' }] }),
        'tool_call_id',
        'messages[0].tool_call_id',
      ],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'video' }] }] }),
        "Invalid value: 'video'",
        'messages[0].content[0].type',
      ],
      [
        JSON.stringify({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x' } }] }],
        }),
        'Invalid image URL',
        'messages[0].content[0].image_url.url',
      ],
      [
        JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 5 }] }),
        "Invalid type for 'messages[0].content'",
        'messages[0].content',
      ],
      [JSON.stringify([1, 2]), 'Invalid type for root', null],
    ];
    for (const [body, message, param] of cases) {
      const response = await post('/v1/chat/completions', body);
      expect(response.status, body).toBe(400);
      const error = expectOpenAI('ErrorResponse', response.body).error;
      expect(error.message, body).toContain(message);
      if (param !== null) expect(error.param, body).toContain(param);
      expect(error.type).toBe('invalid_request_error');
    }
  });

  it('answers unknown routes and wrong methods with the real 404', async () => {
    for (const [method, path] of [
      ['POST', '/v1/nothing'],
      ['GET', '/v1/chat/completions'],
      ['GET', '/'],
      ['DELETE', '/v1/models'],
    ] as const) {
      const response = await rawFetch(server, path, { method });
      expect(response.status).toBe(404);
      expect(expectOpenAI('ErrorResponse', await response.json()).error.message).toBe(
        `Invalid URL (${method} ${path})`,
      );
    }
  });

  it('refuses oversize bodies with 413 and keeps serving', async () => {
    const big = chat({ messages: [{ role: 'user', content: 'x'.repeat(100_000) }] });
    const { status, body } = await post('/v1/chat/completions', big);
    expect(status).toBe(413);
    expect(expectOpenAI('ErrorResponse', body).error.message).toContain('Maximum content size limit');
    const chunked = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    await chunked.text();
    expect((await openaiClient(server).models.list()).data.length).toBeGreaterThan(0);
  });

  it('survives garbage on the socket and clients that vanish mid-request', async () => {
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', () => {});
      socket.on('close', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${TEST_KEY}\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"model":`,
        );
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    expect((await openaiClient(server).models.list()).data.length).toBeGreaterThan(0);
  });

  it('retrieves models and 404s unknown ones; strict servers reject unknown models', async () => {
    const client = openaiClient(server);
    expectOpenAI('ListModelsResponse', await (await rawFetch(server, '/v1/models')).json());
    expectOpenAI('Model', await client.models.retrieve('gpt-4o'));
    const error = await errorOf(client.models.retrieve('gpt-nope'));
    expect(error.status).toBe(404);
    const strict = await (await import('../src/index.js')).startMockServer({ strictModels: true, models: ['gpt-4o'] });
    try {
      const strictError = await errorOf(
        openaiClient(strict).chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'x' }] }),
      );
      expect(strictError.status).toBe(404);
      expect(strictError.code).toBe('model_not_found');
    } finally {
      await strict.close();
    }
  });
});
