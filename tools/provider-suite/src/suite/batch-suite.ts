import type { BatchJob, BatchService, CallOptions, ChatRequest } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './harness.js';
import type { SuiteTarget } from './suite-target.js';

const FINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** Polls a batch until it is final (bounded: 200 polls, 20 ms apart). */
async function settle(batches: BatchService, id: string, options: CallOptions = {}): Promise<BatchJob> {
  let job = await batches.retrieve(id, options);
  for (let i = 0; i < 200 && !FINAL.has(job.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = await batches.retrieve(id, options);
  }
  return job;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** `batches`: upload a JSONL stream, create, follow, list with pagination, download and parse, cancel, delete. */
export function describeBatches(target: SuiteTarget, harness: Harness): void {
  describe(`${target.name}: Batch API`, () => {
    const chatRequest = (i: number): ChatRequest => ({
      model: target.models.chat,
      messages: [{ role: 'user', content: `Question ${i}` }],
      maxOutputTokens: 16,
    });

    it('runs a chat batch end to end: lines built, uploaded as a stream, results downloaded and parsed', async () => {
      const batches = harness.provider().batches as BatchService;
      function* lines() {
        for (let i = 0; i < 5; i++) {
          yield JSON.stringify(batches.buildRequestLine(`req-${i}`, chatRequest(i), '/v1/chat/completions'));
        }
      }
      const file = await batches.uploadFile(lines(), { filename: 'questions.jsonl' });
      expect(file).toMatchObject({ purpose: 'batch', filename: 'questions.jsonl' });
      expect(file.bytes).toBeGreaterThan(0);
      expect(await batches.retrieveFile(file.id)).toMatchObject({ id: file.id, bytes: file.bytes });

      const created = await batches.create({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        metadata: { run: 'suite' },
      });
      expect(created).toMatchObject({
        inputFileId: file.id,
        endpoint: '/v1/chat/completions',
        metadata: { run: 'suite' },
      });
      const done = await settle(batches, created.id);
      expect(done.status).toBe('completed');
      expect(done.requestCounts).toEqual({ total: 5, completed: 5, failed: 0 });

      const results = (await collect(batches.downloadFileLines(done.outputFileId as string))).map((line) =>
        batches.parseResultLine(line),
      );
      expect(results.map((r) => r.customId).sort()).toEqual(['req-0', 'req-1', 'req-2', 'req-3', 'req-4']);
      for (const result of results) {
        expect(result.status).toBe(200);
        expect(result.chat?.text.length).toBeGreaterThan(0);
        expect(result.error).toBeUndefined();
      }
    });

    it('runs an embeddings batch from a byte stream', async () => {
      const batches = harness.provider().batches as BatchService;
      const text = ['a', 'b']
        .map((word, i) =>
          JSON.stringify(
            batches.buildRequestLine(
              `emb-${i}`,
              { model: target.models.embedding, input: word, dimensions: 4 },
              '/v1/embeddings',
            ),
          ),
        )
        .join('\n');
      const bytes = new TextEncoder().encode(`${text}\n`);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, 10));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      });
      const file = await batches.uploadFile(stream);
      const job = await settle(
        batches,
        (await batches.create({ inputFileId: file.id, endpoint: '/v1/embeddings' })).id,
      );
      const results = (await collect(batches.downloadFileLines(job.outputFileId as string))).map((l) =>
        batches.parseResultLine(l),
      );
      expect(results).toHaveLength(2);
      for (const result of results) expect(result.embedding?.embeddings[0]).toHaveLength(4);
    });

    it('streams the upload: lines are pulled while the request is being sent, not before', async () => {
      let pulled = 0;
      let pulledWhenSent = -1;
      const provider = harness.provider({
        fetch: (input, init) => {
          pulledWhenSent = pulled;
          return harness.recorder.fetch(input, init);
        },
      });
      const batches = provider.batches as BatchService;
      const total = 3_000;
      function* lines() {
        for (let i = 0; i < total; i++) {
          pulled++;
          yield JSON.stringify(batches.buildRequestLine(`r${i}`, chatRequest(i), '/v1/chat/completions'));
        }
      }
      const file = await batches.uploadFile(lines());
      expect(pulledWhenSent).toBeLessThan(total);
      expect(pulled).toBe(total);
      expect(file.bytes).toBeGreaterThan(64 * 1024);
    });

    it('lists batches newest first across pages', async () => {
      const batches = harness.provider().batches as BatchService;
      const file = await batches.uploadFile([
        JSON.stringify(batches.buildRequestLine('x', chatRequest(0), '/v1/chat/completions')),
      ]);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push((await batches.create({ inputFileId: file.id, endpoint: '/v1/chat/completions' })).id);
      const listed = await collect(batches.list({ limit: 1 }));
      expect(listed.map((b) => b.id)).toEqual(expect.arrayContaining(ids));
      const pages = harness.recorder.requests.filter((r) => r.method === 'GET' && r.url.pathname.endsWith('/batches'));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages[1]?.url.searchParams.get('after')).toBeTruthy();
      // Breaking out early stops fetching pages.
      harness.recorder.clear();
      for await (const _ of batches.list({ limit: 1 })) break;
      expect(harness.recorder.requests).toHaveLength(1);
    });

    it('deletes a file; reading it afterwards is not-found', async () => {
      const batches = harness.provider().batches as BatchService;
      const file = await batches.uploadFile([
        JSON.stringify(batches.buildRequestLine('x', chatRequest(0), '/v1/chat/completions')),
      ]);
      await batches.deleteFile(file.id);
      await expect(batches.retrieveFile(file.id)).rejects.toMatchObject({ code: 'not-found', status: 404 });
      await expect(collect(batches.downloadFileLines(file.id))).rejects.toMatchObject({ code: 'not-found' });
      await expect(batches.retrieve('batch_missing')).rejects.toMatchObject({ code: 'not-found' });
    });

    describe('while a batch is still validating', () => {
      // A server of its own whose batches take 300 ms per step, so the cancel lands before the batch moves on.
      const slow = useHarness(target, { ...target.serverOptions, batch: { stepMs: 300 } });

      it('cancels a batch', async () => {
        const batches = slow.provider().batches as BatchService;
        const file = await batches.uploadFile([
          JSON.stringify(batches.buildRequestLine('x', chatRequest(0), '/v1/chat/completions')),
        ]);
        const job = await batches.create({ inputFileId: file.id, endpoint: '/v1/chat/completions' });
        const cancelled = await batches.cancel(job.id);
        expect(['cancelling', 'cancelled']).toContain(cancelled.status);
        expect((await settle(batches, job.id)).status).toBe('cancelled');
      });
    });
  });
}
