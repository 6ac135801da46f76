import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPromptTemplate, type Provider } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BatchRequest,
  formatEvaluationMarkdown,
  readBatchRequests,
  runBatch,
  runEvaluation,
  submitBatchJob,
} from '../src/node.js';
import { fakeProvider } from './fake-provider.js';

let server: MockServer;
let provider: Provider;
let dir: string;

beforeAll(async () => {
  server = await startMockServer({ batch: { stepMs: 5 }, latency: { timeToFirstTokenMs: 2 } });
  provider = createOpenAIProvider({ apiKey: 'sk-test-modes-0000000000', baseURL: server.url });
  dir = await mkdtemp(join(tmpdir(), 'sb-modes-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const requests = (n: number): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    customId: `m${i}`,
    request: {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: `mode question ${i}` }],
      maxOutputTokens: 8,
    },
  }));
const job = { workDir: '', pollIntervalMs: 10, maxPollIntervalMs: 40 };

describe('modes', () => {
  it("mode 'batch-api' runs through the provider's Batch API", async () => {
    const { results, summary } = await runBatch(provider, requests(5), {
      mode: 'batch-api',
      job: { ...job, workDir: dir },
    }).collect();
    expect(results).toHaveLength(5);
    expect(results.every((r) => r.source === 'batch-api' && r.ok)).toBe(true);
    expect(summary.mode).toBe('batch-api');
  });

  it("mode 'auto' follows the plan: local for a near deadline, the Batch API for a large saving", async () => {
    const near = runBatch(provider, requests(6), {
      mode: 'auto',
      plan: { deadline: 60_000 },
      job: { ...job, workDir: dir },
    });
    expect(near.progress().done).toBe(0);
    const local = await near.collect();
    expect(local.summary).toMatchObject({ mode: 'local', plan: { recommendation: { mode: 'local' } }, succeeded: 6 });
    expect(local.results.every((r) => r.source === 'run')).toBe(true);

    const cheap = await runBatch(provider, requests(6), {
      mode: 'auto',
      rateLimiter: { requestsPerMinute: 1 },
      plan: { minSavingsUsd: 0 },
      job: { ...job, workDir: dir },
    }).collect();
    expect(cheap.summary.mode).toBe('batch-api');
    expect(cheap.summary.plan?.duration.limitedBy).toBe('requests-per-minute');
    expect(cheap.results.every((r) => r.source === 'batch-api')).toBe(true);
  });

  it("mode 'auto' refuses an input it cannot read twice, and reads a JSONL file twice", async () => {
    async function* once() {
      yield* requests(1);
    }
    await expect(runBatch(provider, once(), { mode: 'auto' }).collect()).rejects.toThrow(/reads the input twice/);
    const path = join(dir, 'requests.jsonl');
    await writeFile(
      path,
      `${requests(4)
        .map((r) => JSON.stringify(r))
        .join('\n')}\n`,
    );
    const { results, summary } = await runBatch(provider, readBatchRequests(path), {
      mode: 'auto',
      plan: { deadline: 1 },
    }).collect();
    expect(summary.plan?.requests).toBe(4);
    expect(results).toHaveLength(4);
  });

  it('readBatchRequests names a bad line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, `${JSON.stringify(requests(1)[0])}\n{"customId":"x"}\n`);
    const read = async () => {
      for await (const _ of readBatchRequests(path)) {
        // read all
      }
    };
    await expect(read()).rejects.toThrow(/#2: request must be an object/);
  });

  it('submitBatchJob refuses a provider without a Batch API, a bad job id, and bad settings', async () => {
    const { provider: plain } = fakeProvider();
    await expect(submitBatchJob(plain, requests(1))).rejects.toMatchObject({ code: 'unsupported' });
    await expect(submitBatchJob(provider, requests(1), { jobId: '../escape' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(submitBatchJob(provider, requests(1), { maxRequestsPerJob: 60_000 })).rejects.toMatchObject({
      code: 'config',
    });
  });

  it('a job reports progress while waiting, and keeps its folder with keepFiles', async () => {
    const events: number[] = [];
    const submitted = await submitBatchJob(provider, requests(3), {
      ...job,
      workDir: dir,
      keepFiles: true,
      retry: false,
    });
    expect(submitted.directory).toContain(submitted.id);
    await submitted.wait({ onProgress: (p) => events.push(p.done) });
    expect(events.at(-1)).toBe(3);
    const run = submitted.results();
    const { summary } = await run.collect();
    expect(run.progress().done).toBe(3);
    expect(summary.succeeded).toBe(3);
    expect(JSON.parse(await readFile(join(submitted.directory as string, 'manifest.json'), 'utf8'))).toMatchObject({
      jobId: submitted.id,
    });
  });
});

describe('runEvaluation', () => {
  const template = createPromptTemplate([{ role: 'user', content: 'Repeat {{word}}' }]);
  const dataset = ['alpha', 'beta', 'gamma', 'delta'].map((word) => ({
    id: word,
    variables: { word },
    expected: word,
  }));

  it('runs every item for every model and temperature and tabulates score, tokens, cost and latency', async () => {
    const checkpoint = join(dir, 'eval.ckpt.jsonl');
    const outputDir = join(dir, 'eval');
    const scorer = (response: { text: string }, item: { expected?: unknown }) =>
      response.text.includes(String(item.expected)) ? 1 : response.text.length > 0 ? 0.5 : 0;
    const report = await runEvaluation(provider, {
      dataset,
      template,
      models: ['gpt-4o-mini', 'gpt-4.1-mini'],
      temperatures: [0, 1],
      scorer,
      maxOutputTokens: 16,
      checkpoint,
      outputDir,
      run: { concurrency: 4 },
    });
    expect(report.items).toBe(4);
    expect(report.rows.map((row) => [row.model, row.temperature, row.items])).toEqual([
      ['gpt-4o-mini', 0, 4],
      ['gpt-4o-mini', 1, 4],
      ['gpt-4.1-mini', 0, 4],
      ['gpt-4.1-mini', 1, 4],
    ]);
    for (const row of report.rows) {
      expect(row.failed).toBe(0);
      expect(row.meanScore).toBeGreaterThanOrEqual(0.5);
      expect(row.meanScore).toBeLessThanOrEqual(1);
      expect(row.inputTokens).toBeGreaterThan(0);
      expect(row.costUsd).toBeGreaterThan(0);
      expect(row.p95LatencyMs).toBeGreaterThanOrEqual(row.p50LatencyMs);
    }
    const json = JSON.parse(await readFile(report.files?.json as string, 'utf8'));
    expect(json.rows).toHaveLength(4);
    const markdown = await readFile(report.files?.markdown as string, 'utf8');
    expect(markdown).toContain('| `gpt-4o-mini` | 0 | 4 |');
    expect(markdown).toBe(formatEvaluationMarkdown(report));

    // A rerun with the checkpoint sends nothing and gives the same table.
    server.control.clearRequests();
    const again = await runEvaluation(provider, {
      dataset,
      template,
      models: ['gpt-4o-mini', 'gpt-4.1-mini'],
      temperatures: [0, 1],
      scorer,
      maxOutputTokens: 16,
      checkpoint,
    });
    expect(server.control.requests({ route: 'chat.completions' })).toHaveLength(0);
    expect(again.rows.map((row) => row.meanScore)).toEqual(report.rows.map((row) => row.meanScore));
  });

  it('counts failed requests and throwing scorers as failures, and needs a model', async () => {
    const report = await runEvaluation(provider, {
      dataset: [{ variables: { word: 'x' } }, { variables: { word: 'boom' } }],
      template,
      models: ['gpt-4o-mini'],
      temperatures: [0, 5],
      scorer: () => {
        throw new Error('scorer bug');
      },
      run: { retry: false },
    });
    expect(report.rows[0]).toMatchObject({ temperature: 0, items: 2, failed: 2, scored: 0, meanScore: 0 });
    expect(report.rows[1]).toMatchObject({ temperature: 5, items: 2, failed: 2 });
    await expect(runEvaluation(provider, { dataset, template, models: [], scorer: () => 1 })).rejects.toThrow(
      /at least one model/,
    );
  });
});
