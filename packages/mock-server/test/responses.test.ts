import { expectOpenAI, validateOpenAI } from '@internal/conformance';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { TRIGGERS } from '../src/index.js';
import { azureV1Client, collect, openaiClient, rawFetch, startTestServer, TEST_KEY } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.control.reset());
afterAll(() => server.close());

/** Every request body and every answer is checked against the spec (oneOf read as anyOf, per the reference README). */
function expectRequest(body: unknown): void {
  const result = validateOpenAI('CreateResponse', body, { noExtraProperties: true });
  expect(result.errors).toEqual([]);
}

async function create(client: OpenAI, body: Record<string, unknown>) {
  expectRequest(body);
  return expectOpenAI('Response', await client.responses.create(body as never));
}

async function streamEvents(client: OpenAI, body: Record<string, unknown>) {
  expectRequest({ ...body, stream: true });
  const stream = (await client.responses.create({ ...body, stream: true } as never)) as unknown;
  const events = await collect(stream as AsyncIterable<unknown>);
  for (const event of events as unknown[]) expectOpenAI('ResponseStreamEvent', event);
  return events as unknown as Array<Record<string, unknown> & { type: string; sequence_number: number }>;
}

/** The Response object minus the fields that differ between two runs. */
function stable(response: Record<string, unknown>) {
  const { id: _id, created_at: _c, completed_at: _d, output_text: _t, output, ...rest } = response;
  return { ...rest, output: (output as Record<string, unknown>[]).map(({ id: _i, ...item }) => item) };
}

const PERSON_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 2 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    email: { type: ['string', 'null'], format: 'email' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, minItems: 1, maxItems: 3 },
    address: {
      type: 'object',
      properties: { city: { type: 'string' }, zip: { type: 'string', maxLength: 5 } },
      required: ['city', 'zip'],
      additionalProperties: false,
    },
  },
  required: ['name', 'age', 'email', 'tags', 'address'],
  additionalProperties: false,
};

const WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
  strict: true,
};

describe('POST /v1/responses (OpenAI)', () => {
  it('answers text input deterministically, with instructions echoed and usage', async () => {
    const client = openaiClient(server);
    const body = { model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Tell me about harbours' };
    const first = await create(client, body);
    const second = await create(client, body);
    expect(first.status).toBe('completed');
    expect(first.object).toBe('response');
    expect(first.instructions).toBe('Be brief.');
    expect(first.output_text).toContain('harbours');
    expect(first.output_text).toBe(second.output_text);
    expect(first.id).not.toBe(second.id);
    expect(first.id.startsWith('resp_')).toBe(true);
    const usage = first.usage;
    expect(usage?.input_tokens).toBeGreaterThan(5);
    expect(usage?.output_tokens).toBeGreaterThan(5);
    expect(usage?.total_tokens).toBe((usage?.input_tokens ?? 0) + (usage?.output_tokens ?? 0));
    expect(usage?.output_tokens_details.reasoning_tokens).toBe(0);
    expect(first.reasoning).toEqual({ effort: null, summary: null });
  });

  it('reads message items with input_text and input_image parts, and counts the image', async () => {
    const client = openaiClient(server);
    const image = 'data:image/png;base64,iVBORw0KGgo=';
    const withImage = await create(client, {
      model: 'gpt-4o',
      input: [
        { role: 'developer', content: 'You describe images.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in this picture?' },
            { type: 'input_image', image_url: image, detail: 'low' },
          ],
        },
      ],
    });
    expect(withImage.output_text).toContain('image');
    const without = await create(client, { model: 'gpt-4o', input: 'What is in this picture?' });
    expect((withImage.usage?.input_tokens ?? 0) - (without.usage?.input_tokens ?? 0)).toBeGreaterThan(85);
  });

  it('streams the documented event sequence, and the text equals the plain answer', async () => {
    const client = openaiClient(server);
    const body = { model: 'gpt-4o', input: 'Stream please' };
    const events = await streamEvents(client, body);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const text = events
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    const plain = await create(client, body);
    expect(text).toBe(plain.output_text);
    const completed = events.at(-1)?.response as Record<string, unknown>;
    expect(stable(completed)).toEqual(stable(plain as unknown as Record<string, unknown>));
  });

  it('works with the SDK stream helper (responses.stream) and its final response', async () => {
    const client = openaiClient(server);
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'helper stream' });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const final = await stream.finalResponse();
    expectOpenAI('Response', final);
    expect(final.output_text).toBe(deltas);
  });

  it('sends SSE frames with event names, without [DONE]', async () => {
    const response = await rawFetch(server, '/v1/responses', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', input: 'raw', stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    const frames = text.split('\n\n').filter(Boolean);
    for (const frame of frames) {
      const [eventLine, dataLine] = frame.split('\n');
      const payload = JSON.parse((dataLine ?? '').slice('data: '.length)) as { type: string };
      expect(eventLine).toBe(`event: ${payload.type}`);
    }
  });

  it('calls function tools deterministically, then answers after the tool output', async () => {
    const client = openaiClient(server);
    const body = { model: 'gpt-4.1', input: 'Weather in Paris?', tools: [WEATHER_TOOL] };
    const first = await create(client, body);
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    expect(call.name).toBe('get_weather');
    const args = JSON.parse(call.arguments) as { city: string; unit: string };
    expect(typeof args.city).toBe('string');
    expect(['c', 'f']).toContain(args.unit);
    expect((await create(client, body)).output.find((item) => item.type === 'function_call')).toMatchObject({
      call_id: call.call_id,
      arguments: call.arguments,
    });
    const events = await streamEvents(client, body);
    const streamed = events
      .filter((event) => event.type === 'response.function_call_arguments.delta')
      .map((event) => event.delta)
      .join('');
    expect(streamed).toBe(call.arguments);
    expect(events.find((event) => event.type === 'response.function_call_arguments.done')).toMatchObject({
      name: 'get_weather',
      arguments: call.arguments,
    });
    const answer = await create(client, {
      model: 'gpt-4.1',
      tools: [WEATHER_TOOL],
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":21}' },
      ],
    });
    expect(answer.output.map((item) => item.type)).toEqual(['message']);
    const chained = await create(client, {
      model: 'gpt-4.1',
      tools: [WEATHER_TOOL],
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
    });
    expect(chained.output_text).toBe(answer.output_text);
    expect(chained.previous_response_id).toBe(first.id);
    const none = await create(client, { ...body, tool_choice: 'none' });
    expect(none.output.map((item) => item.type)).toEqual(['message']);
  });

  it('refuses a tool output for a call that was never made', async () => {
    const client = openaiClient(server);
    await expect(
      client.responses.create({
        model: 'gpt-4.1',
        input: [{ type: 'function_call_output', call_id: 'call_unknown', output: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('call_unknown') });
  });

  it('answers JSON that conforms to the requested schema (strict), plain and streamed', async () => {
    const client = openaiClient(server);
    const body = {
      model: 'gpt-4o',
      input: 'Make a person',
      text: { format: { type: 'json_schema', name: 'person', schema: PERSON_SCHEMA, strict: true } },
    };
    const response = await create(client, body);
    const person = JSON.parse(response.output_text) as Record<string, unknown>;
    expect(Object.keys(person).sort()).toEqual(['address', 'age', 'email', 'name', 'tags']);
    expect((person.name as string).length).toBeGreaterThanOrEqual(2);
    expect((person.address as { zip: string }).zip.length).toBeLessThanOrEqual(5);
    expect(response.text?.format).toMatchObject({ type: 'json_schema', name: 'person', strict: true });
    const events = await streamEvents(client, body);
    const done = events.find((event) => event.type === 'response.output_text.done');
    expect(done?.text).toBe(response.output_text);
    const parsed = await client.responses.parse(body as never);
    expect(parsed.output_parsed).toEqual(person);
  });

  it('refuses a strict schema that is not strict-compatible, naming the place', async () => {
    const client = openaiClient(server);
    const schema = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    await expect(
      client.responses.create({
        model: 'gpt-4o',
        input: 'x',
        text: { format: { type: 'json_schema', name: 'loose', schema, strict: true } },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_json_schema', param: 'text.format.schema' });
    const lenient = await create(client, {
      model: 'gpt-4o',
      input: 'x',
      text: { format: { type: 'json_schema', name: 'loose', schema, strict: false } },
    });
    expect(typeof (JSON.parse(lenient.output_text) as { a: unknown }).a).toBe('string');
  });

  it('reports reasoning tokens, a streamed summary, and encrypted reasoning for store:false', async () => {
    const client = openaiClient(server);
    const body = {
      model: 'gpt-5',
      input: 'Think about rivers',
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
    };
    const response = await create(client, body);
    const reasoning = response.output[0];
    if (reasoning?.type !== 'reasoning') throw new Error('expected a reasoning item first');
    expect(reasoning.summary[0]?.text).toContain('Planning');
    expect(reasoning.encrypted_content).toMatch(/^gAAAAA/);
    const details = response.usage?.output_tokens_details.reasoning_tokens ?? 0;
    expect(details).toBeGreaterThan(400);
    expect(response.usage?.output_tokens).toBeGreaterThan(details);
    const low = await create(client, { ...body, reasoning: { effort: 'low' } });
    expect(low.usage?.output_tokens_details.reasoning_tokens).toBeLessThan(details);
    expect(low.output[0]).toMatchObject({ type: 'reasoning', summary: [] });
    const events = await streamEvents(client, body);
    const summary = events
      .filter((event) => event.type === 'response.reasoning_summary_text.delta')
      .map((event) => event.delta)
      .join('');
    expect(summary).toBe(reasoning.summary[0]?.text);
    // The encrypted item goes back with the next turn; a tampered one is refused, a bare id (not stored) is not found.
    const next = await create(client, {
      model: 'gpt-5',
      store: false,
      input: [
        { role: 'user', content: 'Think about rivers' },
        reasoning,
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'And lakes?' },
      ],
    });
    expect(next.status).toBe('completed');
    await expect(
      client.responses.create({
        model: 'gpt-5',
        input: [{ ...reasoning, encrypted_content: `${reasoning.encrypted_content}x` }] as never,
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_encrypted_content' });
    const { encrypted_content: _dropped, ...bare } = reasoning;
    await expect(
      client.responses.create({ model: 'gpt-5', input: [bare, { role: 'user', content: 'x' }] as never }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('refuses reasoning effort on a model that does not reason', async () => {
    await expect(
      openaiClient(server).responses.create({ model: 'gpt-4o', input: 'x', reasoning: { effort: 'low' } }),
    ).rejects.toMatchObject({ status: 400, param: 'reasoning.effort', code: 'unsupported_parameter' });
  });

  it('keeps stored responses for previous_response_id and retrieval; unknown ids are 404', async () => {
    const client = openaiClient(server);
    const first = await create(client, { model: 'gpt-4o', input: 'Remember the lantern' });
    const second = await create(client, { model: 'gpt-4o', input: 'And now?', previous_response_id: first.id });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.usage?.input_tokens).toBeGreaterThan(first.usage?.input_tokens ?? 0);
    expect(await client.responses.retrieve(first.id)).toEqual(first);
    const missing = await client.responses
      .create({ model: 'gpt-4o', input: 'x', previous_response_id: 'resp_missing' })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ code: 'previous_response_not_found', param: 'previous_response_id' });
    const unstored = await create(client, { model: 'gpt-4o', input: 'forget me', store: false });
    await expect(client.responses.retrieve(unstored.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      client.responses.create({ model: 'gpt-4o', input: 'x', previous_response_id: unstored.id }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await client.responses.delete(first.id);
    await expect(client.responses.retrieve(first.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('reports cached tokens when a long conversation continues', async () => {
    const client = openaiClient(server);
    const long = 'lantern harbour meadow '.repeat(300);
    const first = await create(client, { model: 'gpt-4o', input: long });
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    const next = await create(client, { model: 'gpt-4o', input: 'More', previous_response_id: first.id });
    const cached = next.usage?.input_tokens_details.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(next.usage?.input_tokens ?? 0);
  });

  it('stops at max_output_tokens with status incomplete (plain and streamed)', async () => {
    const client = openaiClient(server);
    const body = { model: 'gpt-4o', input: 'Long answer please', max_output_tokens: 16 };
    const response = await create(client, body);
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.usage?.output_tokens).toBe(16);
    const events = await streamEvents(client, body);
    expect(events.at(-1)?.type).toBe('response.incomplete');
    const reasoningOnly = await create(client, { model: 'gpt-5', input: 'x', max_output_tokens: 16 });
    expect(reasoningOnly.status).toBe('incomplete');
    expect(reasoningOnly.output.map((item) => item.type)).toEqual(['reasoning']);
    await expect(client.responses.create({ ...body, max_output_tokens: 15 })).rejects.toMatchObject({
      status: 400,
      param: 'max_output_tokens',
    });
  });

  it('refuses, filters and fails on the prompt triggers', async () => {
    const client = openaiClient(server);
    const refused = await create(client, { model: 'gpt-4o', input: `no ${TRIGGERS.refuse}` });
    expect(refused.output[0]).toMatchObject({ type: 'message', content: [{ type: 'refusal' }] });
    const refusalEvents = await streamEvents(client, { model: 'gpt-4o', input: `no ${TRIGGERS.refuse}` });
    expect(refusalEvents.some((event) => event.type === 'response.refusal.delta')).toBe(true);
    const filtered = await create(client, { model: 'gpt-4o', input: `x ${TRIGGERS.filterCompletion}` });
    expect(filtered.incomplete_details).toEqual({ reason: 'content_filter' });
    const failed = await create(client, { model: 'gpt-4o', input: `x ${TRIGGERS.failResponse}` });
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('server_error');
    const failedEvents = await streamEvents(client, { model: 'gpt-4o', input: `x ${TRIGGERS.failResponse}` });
    expect(failedEvents.at(-1)?.type).toBe('response.failed');
  });

  it('applies stream faults: an error event, a truncated stream, a chunk that is not JSON', async () => {
    const client = openaiClient(server);
    server.control.faults.add({ kind: 'stream-error', route: 'responses.create', afterEvents: 3, times: 1 });
    const received = await streamEvents(client, { model: 'gpt-4o', input: 'x' });
    expect(received.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'error',
    ]);
    expect(received[3]).toMatchObject({ code: 'server_error', sequence_number: 3 });
    server.control.faults.add({ kind: 'stream-error', route: 'responses.create', afterEvents: 3, times: 1 });
    await expect(client.responses.stream({ model: 'gpt-4o', input: 'x' }).finalResponse()).rejects.toThrow();
    server.control.faults.add({ kind: 'truncate-stream', route: 'responses.create', afterEvents: 4, times: 1 });
    const truncated = await collect(await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true }));
    expect(truncated).toHaveLength(4);
    server.control.faults.add({ kind: 'malformed-json', route: 'responses.create', times: 1 });
    await expect(
      collect(await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true })),
    ).rejects.toThrow();
    server.control.faults.add({ kind: 'status', status: 503, route: 'responses.create', times: 1 });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(
      OpenAI.InternalServerError,
    );
  });

  it('authenticates and rate-limits like the chat route', async () => {
    await expect(
      openaiClient(server, 'sk-wrong-key-000000').responses.create({ model: 'gpt-4o', input: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    server.control.rateLimits.configure({ rpm: 1 });
    const client = openaiClient(server);
    await create(client, { model: 'gpt-4o', input: 'first' });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'second' })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });

  it('answers the real errors for bad bodies', async () => {
    const client = openaiClient(server);
    await expect(client.responses.create({ model: 'gpt-4o' } as never)).rejects.toMatchObject({
      status: 400,
      param: 'input',
    });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x', max_token: 3 } as never)).rejects.toMatchObject(
      { status: 400, message: expect.stringContaining('max_token') },
    );
    await expect(
      client.responses.create({ model: 'gpt-4o', input: [{ type: 'bogus' }] } as never),
    ).rejects.toMatchObject({ status: 400, param: 'input[0].type' });
    await expect(
      client.responses.create({ model: 'gpt-4o', input: 'x', include: ['nope'] } as never),
    ).rejects.toMatchObject({ status: 400, param: 'include[0]' });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x', tool_choice: 'auto' })).resolves.toBeDefined();
  });
});

describe('Responses on Azure', () => {
  it('serves /openai/v1/responses (v1 GA) with the deployment as model', async () => {
    const client = azureV1Client(server);
    const response = await create(client, { model: 'gpt-5-deployment', input: 'Azure hello' });
    expect(response.status).toBe('completed');
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    const events = await streamEvents(client, { model: 'my-deployment', input: 'Azure stream' });
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(server.control.requests().at(-1)).toMatchObject({ surface: 'azure', route: 'responses.create' });
  });

  it('serves AzureOpenAI.responses (dated api-version), and blocks the prompt trigger', async () => {
    const client = new AzureOpenAI({
      endpoint: server.azureUrl,
      apiKey: TEST_KEY,
      apiVersion: '2025-04-01-preview',
      maxRetries: 0,
    });
    const response = expectOpenAI('Response', await client.responses.create({ model: 'dep', input: 'dated' }));
    expect(response.output_text.length).toBeGreaterThan(0);
    await expect(client.responses.create({ model: 'dep', input: `x ${TRIGGERS.blockPrompt}` })).rejects.toMatchObject({
      status: 400,
      code: 'content_filter',
    });
    const missingVersion = await rawFetch(server, '/openai/responses', {
      method: 'POST',
      body: JSON.stringify({ model: 'dep', input: 'x' }),
    });
    expect(missingVersion.status).toBe(404);
  });
});
