import { expectLegacyOpenAI, expectOpenAI } from '@internal/conformance';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index.js';
import { azureClient, jsonl, openaiClient, rawFetch, startTestServer, upload } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startTestServer({ batch: { stepMs: 5 }, maxFileBytes: 200_000 });
});
afterAll(() => server.close());

type Client = OpenAI;
const chatLine = (id: string, content: string, extra: Record<string, unknown> = {}, url = '/v1/chat/completions') => ({
  custom_id: id,
  method: 'POST',
  url,
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra },
});

async function waitFor(client: Client, id: string, done: (status: string) => boolean) {
  for (let i = 0; i < 400; i++) {
    const batch = await client.batches.retrieve(id);
    expectOpenAI('Batch', batch);
    if (done(batch.status)) return batch;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`batch ${id} did not finish`);
}

const finished = (status: string) => ['completed', 'failed', 'expired', 'cancelled'].includes(status);

async function readLines(client: Client, fileId: string | null | undefined) {
  const text = await (await client.files.content(fileId ?? '')).text();
  return text
    .trim()
    .split('\n')
    .map((line) => expectLegacyOpenAI('BatchRequestOutput', JSON.parse(line)));
}

describe('batches', () => {
  it('runs the full lifecycle, writing output and error files with correct request_counts', async () => {
    const client = openaiClient(server);
    const input = await upload(
      client,
      jsonl([
        chatLine('a', 'first'),
        chatLine('b', 'second', { temperature: 'hot' }),
        chatLine('c', 'third', { stream: true, stream_options: { include_usage: true } }),
      ]),
    );
    const created = expectOpenAI(
      'Batch',
      await client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
        metadata: { job: 'x' },
      }),
    );
    expect(created.status).toBe('validating');
    expect(created.metadata).toEqual({ job: 'x' });
    const seen = new Set<string>([created.status]);
    let batch = created;
    for (let i = 0; i < 400 && !finished(batch.status); i++) {
      batch = await client.batches.retrieve(created.id);
      seen.add(batch.status);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expectOpenAI('Batch', batch);
    expect(batch.status).toBe('completed');
    expect(seen.has('validating')).toBe(true);
    expect(batch.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
    expect(batch.in_progress_at).toBeGreaterThanOrEqual(batch.created_at);
    expect(batch.finalizing_at).toBeDefined();
    expect(batch.completed_at).toBeDefined();
    expect(batch.model).toBe('gpt-4o-mini');
    expect(batch.usage?.total_tokens).toBeGreaterThan(0);
    const outputs = await readLines(client, batch.output_file_id);
    expect(outputs.map((line) => line.custom_id)).toEqual(['a', 'c']);
    for (const line of outputs) {
      expect(line.response.status_code).toBe(200);
      expect(line.error).toBeNull();
      expectOpenAI('CreateChatCompletionResponse', line.response.body);
    }
    const direct = await client.chat.completions.create(chatLine('a', 'first').body as never);
    expect(
      (outputs[0].response.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content,
    ).toBe((direct as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content);
    const errors = await readLines(client, batch.error_file_id);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ custom_id: 'b', response: { status_code: 400 } });
    expectOpenAI('ErrorResponse', errors[0].response.body);
    expect((await client.files.retrieve(batch.output_file_id ?? '')).purpose).toBe('batch_output');
  });

  it('runs embeddings batches', async () => {
    const client = openaiClient(server);
    const lines = ['x', 'y'].map((input, i) => ({
      custom_id: `e${i}`,
      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'text-embedding-3-small', input, dimensions: 8 },
    }));
    const input = await upload(client, jsonl(lines));
    const batch = await waitFor(
      client,
      (await client.batches.create({ input_file_id: input.id, endpoint: '/v1/embeddings', completion_window: '24h' }))
        .id,
      finished,
    );
    expect(batch.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    expect(batch.error_file_id).toBeUndefined();
    const outputs = await readLines(client, batch.output_file_id);
    for (const line of outputs) expectOpenAI('CreateEmbeddingResponse', line.response.body);
  });

  it('fails validation for invalid lines, listing each with its line number', async () => {
    const client = openaiClient(server);
    const input = await upload(
      client,
      jsonl([
        chatLine('ok', 'fine'),
        '{not json',
        chatLine('ok', 'duplicate'),
        { ...chatLine('m', 'x'), method: 'GET' },
        chatLine('u', 'x', {}, '/v1/embeddings'),
        { custom_id: 'nb', method: 'POST', url: '/v1/chat/completions' },
        { method: 'POST', url: '/v1/chat/completions', body: {} },
        chatLine('model', 'x', { model: 'gpt-4o' }),
        '[1]',
      ]),
    );
    const batch = await waitFor(
      client,
      (
        await client.batches.create({
          input_file_id: input.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
        })
      ).id,
      finished,
    );
    expect(batch.status).toBe('failed');
    expect(batch.failed_at).toBeDefined();
    expect(batch.errors?.data?.map((error) => [error.code, error.line])).toEqual([
      ['invalid_json_line', 2],
      ['duplicate_custom_id', 3],
      ['invalid_method', 4],
      ['invalid_url', 5],
      ['missing_required_parameter', 6],
      ['missing_required_parameter', 7],
      ['mismatched_model', 8],
      ['invalid_json_line', 9],
    ]);
    const empty = await upload(client, '\n\n');
    const failed = await waitFor(
      client,
      (
        await client.batches.create({
          input_file_id: empty.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
        })
      ).id,
      finished,
    );
    expect(failed.errors?.data?.[0]?.code).toBe('empty_file');
  });

  it('cancels: cancelling, then cancelled with the finished part written', async () => {
    const slow = await startTestServer({ batch: { stepMs: 5, lineMs: 20 } });
    try {
      const client = openaiClient(slow);
      const input = await upload(client, jsonl(Array.from({ length: 20 }, (_, i) => chatLine(`r${i}`, `line ${i}`))));
      const batch = await client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      await waitFor(client, batch.id, (status) => status === 'in_progress');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cancelling = expectOpenAI('Batch', await client.batches.cancel(batch.id));
      expect(cancelling.status).toBe('cancelling');
      expect(cancelling.cancelling_at).toBeDefined();
      expect((await client.batches.cancel(batch.id)).status).toMatch(/^cancell/);
      const cancelled = await waitFor(client, batch.id, finished);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.request_counts?.completed).toBeGreaterThan(0);
      expect(cancelled.request_counts?.completed).toBeLessThan(20);
      const unexecuted = await readLines(client, cancelled.error_file_id);
      expect(unexecuted[0]?.error).toMatchObject({ code: 'batch_cancelled' });
      await expect(client.batches.cancel('batch_nope')).rejects.toMatchObject({ status: 404 });
      const early = await client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      await client.batches.cancel(early.id);
      expect((await waitFor(client, early.id, finished)).status).toBe('cancelled');
    } finally {
      await slow.close();
    }
  });

  it('ends cancelled when the cancel arrives while the batch is finalizing', async () => {
    const slow = await startTestServer({ batch: { stepMs: 300, lineMs: 0 } });
    try {
      const client = openaiClient(slow);
      const input = await upload(client, jsonl([chatLine('only', 'one line')]));
      const batch = await client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      await waitFor(client, batch.id, (status) => status === 'finalizing');
      expect((await client.batches.cancel(batch.id)).status).toBe('cancelling');
      const ended = await waitFor(client, batch.id, finished);
      expect(ended.status).toBe('cancelled');
      expect(ended.request_counts?.completed).toBe(1);
      expect(await readLines(client, ended.output_file_id)).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('expires or fails on request via metadata.mock_outcome, and refuses to cancel finished batches', async () => {
    const client = openaiClient(server);
    const input = await upload(
      client,
      jsonl([chatLine('1', 'a'), chatLine('2', 'b'), chatLine('3', 'c'), chatLine('4', 'd')]),
    );
    const expired = await waitFor(
      client,
      (
        await client.batches.create({
          input_file_id: input.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { mock_outcome: 'expire' },
        })
      ).id,
      finished,
    );
    expect(expired.status).toBe('expired');
    expect(expired.expired_at).toBeDefined();
    expect(expired.request_counts).toEqual({ total: 4, completed: 2, failed: 0 });
    const leftovers = await readLines(client, expired.error_file_id);
    expect(leftovers.map((line) => line.error?.code)).toEqual(['batch_expired', 'batch_expired']);
    const failed = await waitFor(
      client,
      (
        await client.batches.create({
          input_file_id: input.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { mock_outcome: 'fail' },
        })
      ).id,
      finished,
    );
    expect(failed.status).toBe('failed');
    await expect(client.batches.cancel(failed.id)).rejects.toMatchObject({ status: 409 });
  });

  it('rejects bad create requests and lists batches newest first with a cursor', async () => {
    const client = openaiClient(server);
    const notBatch = await upload(client, 'x', 'a.txt', 'assistants');
    const input = await upload(client, jsonl([chatLine('1', 'a')]));
    for (const [body, status, message] of [
      [
        { endpoint: '/v1/chat/completions', completion_window: '24h' },
        400,
        "Missing required parameter: 'input_file_id'.",
      ],
      [{ input_file_id: input.id, completion_window: '24h' }, 400, "Missing required parameter: 'endpoint'."],
      [
        { input_file_id: input.id, endpoint: '/v1/chat/completions' },
        400,
        "Missing required parameter: 'completion_window'.",
      ],
      [
        { input_file_id: input.id, endpoint: '/v1/nothing', completion_window: '24h' },
        400,
        "Invalid value: '/v1/nothing'",
      ],
      [
        { input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '1h' },
        400,
        "Invalid value: '1h'",
      ],
      [
        { input_file_id: 'file-missing', endpoint: '/v1/chat/completions', completion_window: '24h' },
        404,
        'No such File object',
      ],
      [
        { input_file_id: notBatch.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
        400,
        "must have purpose 'batch'",
      ],
    ] as const) {
      const response = await rawFetch(server, '/v1/batches', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(expectOpenAI('ErrorResponse', await response.json()).error.message).toContain(message);
    }
    const unsupported = await waitFor(
      client,
      (
        await client.batches.create({
          input_file_id: (await upload(client, jsonl([{ ...chatLine('1', 'a'), url: '/v1/completions' }]))).id,
          endpoint: '/v1/completions',
          completion_window: '24h',
        })
      ).id,
      finished,
    );
    expect(unsupported.request_counts?.failed).toBe(1);
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await client.batches.create({
            input_file_id: input.id,
            endpoint: '/v1/chat/completions',
            completion_window: '24h',
          })
        ).id,
      );
    const page = await (await rawFetch(server, '/v1/batches?limit=2')).json();
    expectOpenAI('ListBatchesResponse', page);
    expect(page.data.map((batch: { id: string }) => batch.id)).toEqual([ids[2], ids[1]]);
    expect(page.has_more).toBe(true);
    const next = await (await rawFetch(server, `/v1/batches?limit=2&after=${page.last_id}`)).json();
    expect(next.data[0].id).toBe(ids[0]);
    const all = [];
    for await (const batch of client.batches.list({ limit: 3 })) all.push(batch.id);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect((await (await rawFetch(server, '/v1/batches?after=batch_unknown')).json()).data).toEqual([]);
    await expect(client.batches.retrieve('batch_nope')).rejects.toMatchObject({ status: 404 });
    for (const id of ids) await waitFor(client, id, finished);
  });
});

describe('Azure files and batches (resource level, deployment as model)', () => {
  it('runs a batch through /openai/files and /openai/batches', async () => {
    const client = azureClient(server);
    const line = (id: string) => ({
      custom_id: id,
      method: 'POST',
      url: '/chat/completions',
      body: { model: 'my-deployment', messages: [{ role: 'user', content: id }] },
    });
    const input = await client.files.create({
      file: await toFile(Buffer.from(jsonl([line('x'), line('y')])), 'in.jsonl'),
      purpose: 'batch',
    });
    const batch = await client.batches.create({
      input_file_id: input.id,
      endpoint: '/chat/completions' as '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(server.control.requests().at(-1)?.path).toMatch(/^\/openai\/batches\?api-version=/);
    let done = batch;
    for (let i = 0; i < 400 && !finished(done.status); i++) {
      done = await client.batches.retrieve(batch.id);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expectOpenAI('Batch', done);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    const text = await (await client.files.content(done.output_file_id ?? '')).text();
    const first = expectLegacyOpenAI('BatchRequestOutput', JSON.parse(text.split('\n')[0] ?? ''));
    expect(first.response.body).toMatchObject({ model: 'my-deployment', prompt_filter_results: expect.any(Array) });
  });
});
