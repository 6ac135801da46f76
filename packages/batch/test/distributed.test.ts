import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { type RedisTestServer, redisAvailability, startRedisTestServer } from '@switchboard/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchWorker, enqueueBatch, openBatchJob, startBatchWorker } from '../src/distributed/index.js';
import type { BatchRequest } from '../src/index.js';
import type { BatchResult } from '../src/types/batch-result.js';

const availability = redisAvailability();
if (!availability.available) console.warn(`[@switchboard/batch distributed] skipped: ${availability.reason}`);

const requests = (count: number, tag: string): BatchRequest[] =>
  Array.from({ length: count }, (_, i) => ({
    customId: `${tag}-${i}`,
    request: {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: `Question ${i} of ${tag}: name a colour.` }],
      maxOutputTokens: 12,
    },
  }));

describe.skipIf(!availability.available)('distributed batch on BullMQ', () => {
  let redis: RedisTestServer;
  let mock: MockServer;
  let counter = 0;
  const names = () => ({ queueName: `q${Date.now().toString(36)}${counter++}`, prefix: `t${counter}` });

  beforeAll(async () => {
    redis = await startRedisTestServer();
    mock = await startMockServer({ latency: { timeToFirstTokenMs: 20, interChunkMs: 1 } });
  });
  afterAll(async () => {
    await mock.close();
    await redis.stop();
  });

  const provider = () =>
    createOpenAIProvider({ apiKey: 'sk-queue-test-000000000000000000000000000', baseURL: mock.url });

  /** What the mock answers each request directly: each result must carry its own answer. */
  async function expectedAnswers(items: BatchRequest[]): Promise<Map<string, string>> {
    const direct = provider();
    const answers = new Map<string, string>();
    for (const item of items) {
      if (item.kind !== 'embedding') answers.set(item.customId, (await direct.chat(item.request)).text);
    }
    return answers;
  }

  it('enqueues idempotently, runs on two workers and yields each result once with its own answer', async () => {
    const { queueName, prefix } = names();
    const items = requests(30, 'a');
    const job = await enqueueBatch(items, { connection: redis.url, jobId: 'job-a', queueName, prefix });
    const again = await enqueueBatch(
      (async function* () {
        yield* items;
      })(),
      { connection: redis.url, jobId: 'job-a', queueName, prefix },
    );
    expect(job.added).toBe(30);
    expect(again.added).toBe(0);
    const workers = [0, 1].map(() =>
      startBatchWorker(provider(), { connection: redis.url, queueName, prefix, concurrency: 4, stopOnSignals: [] }),
    );
    try {
      const seen: BatchResult[] = [];
      for await (const result of job.results()) seen.push(result);
      const answers = await expectedAnswers(items);
      expect(seen.map((r) => r.customId).sort()).toEqual(items.map((i) => i.customId).sort());
      for (const result of seen) {
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.chat?.text).toBe(answers.get(result.customId));
      }
      const progress = await job.progress();
      expect(progress).toMatchObject({ total: 30, done: 30, succeeded: 30, failed: 0, duplicates: 0 });
      expect(progress.costUsd).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await job.close();
      await again.close();
    }
  });

  it('a worker at concurrency 24 keeps one listener on its stop signal (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const { queueName, prefix } = names();
    const items = requests(48, 'w');
    const job = await enqueueBatch(items, { connection: redis.url, jobId: 'job-w', queueName, prefix });
    const worker = startBatchWorker(provider(), {
      connection: redis.url,
      queueName,
      prefix,
      concurrency: 24,
      stopOnSignals: [],
    });
    try {
      let count = 0;
      for await (const result of job.results()) {
        expect(result.ok).toBe(true);
        count += 1;
      }
      expect(count).toBe(48);
    } finally {
      process.off('warning', onWarning);
      await worker.close();
      await job.close();
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('records failures with their typed error, not queue retries', async () => {
    const { queueName, prefix } = names();
    const malformed = [{ customId: 'bad', request: { messages: [] } }] as unknown as BatchRequest[];
    // A malformed line is refused before anything is queued: validation is the same as runBatch's.
    await expect(
      enqueueBatch(malformed, { connection: redis.url, jobId: 'job-f', queueName, prefix }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    mock.control.faults.add({ kind: 'status', status: 400, route: 'chat.completions', times: 1 });
    const good = await enqueueBatch(requests(1, 'f'), { connection: redis.url, jobId: 'job-f2', queueName, prefix });
    const worker = startBatchWorker(provider(), { connection: redis.url, queueName, prefix, stopOnSignals: [] });
    try {
      const results: BatchResult[] = [];
      for await (const result of good.results()) results.push(result);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ ok: false, attempts: 1, error: { code: 'invalid-request' } });
    } finally {
      await worker.close();
      await good.close();
    }
  });

  it('cancel() records the remaining requests as cancelled', async () => {
    const { queueName, prefix } = names();
    const job = await enqueueBatch(requests(10, 'c'), { connection: redis.url, jobId: 'job-c', queueName, prefix });
    await job.cancel();
    const worker = startBatchWorker(provider(), { connection: redis.url, queueName, prefix, stopOnSignals: [] });
    try {
      const progress = await job.done();
      expect(progress).toMatchObject({ total: 10, cancelled: 10, succeeded: 0, cancelRequested: true });
    } finally {
      await worker.close();
      await job.close();
    }
  });

  it('three worker processes, one killed with SIGKILL at random points, a reader restarted midway: each customId exactly once with its answer', async () => {
    const { queueName, prefix } = names();
    const items = requests(90, 'k');
    const answers = await expectedAnswers(items);
    const job = await enqueueBatch(items, { connection: redis.url, jobId: 'job-k', queueName, prefix });
    const child = fileURLToPath(new URL('./queue-worker-child.mjs', import.meta.url));
    const settings = JSON.stringify({ redisUrl: redis.url, mockUrl: mock.url, queueName, prefix });
    const spawnWorker = async (): Promise<ChildProcess> => {
      const proc = spawn(process.execPath, [child, settings], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => proc.stdout?.once('data', () => resolve()));
      return proc;
    };
    // Seeded "random" kill points (ms after start), so a failure can be replayed.
    let seed = 20261204;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const workers = [await spawnWorker(), await spawnWorker(), await spawnWorker()];
    const killer = (async () => {
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150 + random() * 400));
        const victim = workers[0] as ChildProcess;
        victim.kill('SIGKILL');
        await new Promise((resolve) => victim.once('exit', resolve));
        workers[0] = await spawnWorker();
      }
    })();
    const seen: BatchResult[] = [];
    const reader = openBatchJob('job-k', { connection: redis.url, prefix });
    try {
      // The first reader stops after 20 results (as if restarted); the second goes on where it stopped.
      for await (const result of reader.results({ reader: 'main' })) {
        seen.push(result);
        if (seen.length === 20) break;
      }
      await killer;
      for await (const result of reader.results({ reader: 'main' })) seen.push(result);
      const ids = seen.map((r) => r.customId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(items.map((i) => i.customId).sort());
      for (const result of seen) {
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (result.ok) expect(result.chat?.text).toBe(answers.get(result.customId));
      }
      const progress = await reader.progress();
      expect(progress.done).toBe(90);
      expect(progress.succeeded).toBe(90);
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(
        workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(0) : w.once('exit', resolve)))),
      );
      await reader.close();
      await job.close();
    }
  }, 120_000);

  it('rejects bad options with every problem named', async () => {
    await expect(
      enqueueBatch([], { connection: '', jobId: '', chunkSize: 0, extra: 1 } as never),
    ).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(/extra[\s\S]*connection[\s\S]*jobId[\s\S]*chunkSize/),
    });
    expect(() => startBatchWorker(provider(), { connection: redis.url, concurrency: -1, colour: 1 } as never)).toThrow(
      /colour[\s\S]*concurrency/,
    );
  });
});

export type { BatchWorker };
