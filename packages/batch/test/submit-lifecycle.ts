import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provider } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeBatchJob, submitBatchJob } from '../src/node.js';
import type { BatchRequest } from '../src/types/batch-request.js';

/** Chat requests `c0..c{n-1}`; those in `bad` carry an invalid temperature, so their line fails with HTTP 400. */
export function lifecycleRequests(
  n: number,
  options: { model?: string; bad?: number[]; prefix?: string } = {},
): BatchRequest[] {
  return Array.from({ length: n }, (_, i) => ({
    customId: `${options.prefix ?? 'c'}${i}`,
    request: {
      model: options.model ?? 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: `batch question ${i}` }],
      maxOutputTokens: 10,
      ...(options.bad?.includes(i) ? { temperature: 3 } : {}),
    },
  }));
}

/**
 * The Batch API lifecycle suite, run once per provider (OpenAI and Azure) against the mock server: completed,
 * partly failed, expired (reported, resubmitted, run locally), cancelled, split into several batches, failed
 * validation, resumed by id, and idempotent resubmission under the same job id.
 */
export function describeBatchLifecycle(name: 'openai' | 'azure', makeProvider: (server: MockServer) => Provider): void {
  describe(`submitBatchJob through the whole lifecycle (${name})`, () => {
    let server: MockServer;
    let provider: Provider;
    let workDir: string;
    const fast = { pollIntervalMs: 15, maxPollIntervalMs: 60 };

    beforeAll(async () => {
      server = await startMockServer({ batch: { stepMs: 5 }, requestLogLimit: 5_000 });
      provider = makeProvider(server);
      workDir = await mkdtemp(join(tmpdir(), `sb-submit-${name}-`));
    });
    afterAll(async () => {
      await server?.close();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it('completes: every customId once, with the answer a direct call gives, at the batch price', async () => {
      const requests = lifecycleRequests(12);
      const job = await submitBatchJob(provider, requests, { ...fast, workDir });
      expect(job.parts).toHaveLength(1);
      expect(job.parts[0]?.batch?.status).toBeDefined();
      const { results, summary } = await job.results().collect();
      expect(results.map((r) => r.customId).sort()).toEqual(requests.map((r) => r.customId).sort());
      expect(results.every((r) => r.ok && r.source === 'batch-api')).toBe(true);
      const direct = await provider.chat(requests[3]?.request as never);
      expect(results.find((r) => r.customId === 'c3')).toMatchObject({ ok: true, chat: { text: direct.text } });
      expect(summary).toMatchObject({ total: 12, succeeded: 12, failed: 0, stopped: false, jobId: job.id });
      expect(summary.costUsd).toBeGreaterThan(0);
      expect(summary.batchIds).toHaveLength(1);
      // Every step went to this provider's own surface of the mock (files, batches, file contents).
      const surfaces = new Set(server.control.requests({ path: 'batches' }).map((request) => request.surface));
      expect([...surfaces]).toEqual([name]);
      expect(server.control.requests({ route: 'files.create' }).at(-1)?.surface).toBe(name);
      // The job folder is removed once the results are read.
      expect(await readdir(workDir)).not.toContain(job.id);
    });

    it('reports the lines that failed with typed errors', async () => {
      const requests = lifecycleRequests(10, { bad: [2, 7] });
      const job = await submitBatchJob(provider, requests, { ...fast, workDir, onFailed: 'resubmit' });
      const { results, summary } = await job.results().collect();
      expect(results).toHaveLength(10);
      const failed = results.filter((r) => !r.ok);
      expect(failed.map((r) => r.customId).sort()).toEqual(['c2', 'c7']);
      expect(failed[0]).toMatchObject({ batchOutcome: 'failed', error: { code: 'invalid-request', status: 400 } });
      // Non-retryable failures are not resubmitted.
      expect(summary).toMatchObject({
        succeeded: 8,
        failed: 2,
        resubmitted: 0,
        failedIds: expect.arrayContaining(['c2', 'c7']),
      });
    });

    it('reports expired requests, resubmits them, or runs them locally', async () => {
      const expire = { mock_outcome: 'expire' };
      const reported = await (
        await submitBatchJob(provider, lifecycleRequests(8), { ...fast, workDir, metadata: expire })
      )
        .results()
        .collect();
      expect(reported.summary.expiredIds).toHaveLength(4);
      expect(
        reported.results.filter((r) => !r.ok).every((r) => !r.ok && r.batchOutcome === 'expired' && r.error.retryable),
      ).toBe(true);

      // Each round the mock expires half of what is left: 8 → 4 → 2 → 1 → done.
      const resubmitted = await submitBatchJob(provider, lifecycleRequests(8), {
        ...fast,
        workDir,
        metadata: expire,
        onFailed: 'resubmit',
        maxResubmits: 3,
      });
      const again = await resubmitted.results().collect();
      expect(again.results.map((r) => r.customId).sort()).toEqual(
        lifecycleRequests(8)
          .map((r) => r.customId)
          .sort(),
      );
      expect(again.results.every((r) => r.ok)).toBe(true);
      expect(again.summary).toMatchObject({ resubmitted: 7, expiredIds: [] });
      expect(again.summary.batchIds).toHaveLength(4);
      // Picked up again from the batch list alone (its folder is gone): each id once, with the resubmission's answer.
      const relisted = await (await resumeBatchJob(provider, resubmitted.id, { ...fast, workDir })).results().collect();
      expect(relisted.results.map((r) => r.customId).sort()).toEqual(
        lifecycleRequests(8)
          .map((r) => r.customId)
          .sort(),
      );
      expect(relisted.results.every((r) => r.ok)).toBe(true);
      expect(relisted.summary.batchIds).toHaveLength(4);

      const local = await submitBatchJob(provider, lifecycleRequests(8), {
        ...fast,
        workDir,
        metadata: expire,
        onFailed: 'local',
      });
      const mixed = await local.results().collect();
      expect(mixed.results).toHaveLength(8);
      expect(mixed.results.filter((r) => r.source === 'run')).toHaveLength(4);
      expect(mixed.results.every((r) => r.ok)).toBe(true);
      expect(mixed.summary.ranLocally).toBe(4);
    });

    it('cancels: answers so far are kept, the rest are reported as cancelled', async () => {
      server.control.reset();
      const slow = await startMockServer({ batch: { stepMs: 5, lineMs: 15 } });
      try {
        const slowProvider = makeProvider(slow);
        const job = await submitBatchJob(slowProvider, lifecycleRequests(40), {
          ...fast,
          workDir,
          onFailed: 'resubmit',
        });
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          await job.refresh();
          const counts = job.parts[0]?.batch?.requestCounts;
          if (counts && counts.completed >= 3) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await job.cancel();
        await job.cancel();
        const { results, summary } = await job.results().collect();
        expect(job.parts[0]?.batch?.status).toBe('cancelled');
        expect(results).toHaveLength(40);
        expect(summary.succeeded).toBeGreaterThanOrEqual(3);
        expect(summary.cancelledIds.length).toBeGreaterThan(0);
        expect(summary.succeeded + summary.cancelledIds.length).toBe(40);
        expect(summary.resubmitted).toBe(0);
        const cancelled = results.find((r) => !r.ok);
        expect(cancelled).toMatchObject({ batchOutcome: 'cancelled', error: { code: 'aborted' } });
      } finally {
        await slow.close();
      }
    });

    it('splits into several batches by model and by the request limit', async () => {
      const requests = [
        ...lifecycleRequests(25),
        ...lifecycleRequests(3, { model: 'gpt-4o', prefix: 'o' }),
        { customId: 'emb', kind: 'embedding' as const, request: { model: 'text-embedding-3-small', input: 'hello' } },
      ];
      const job = await submitBatchJob(provider, requests, { ...fast, workDir, maxRequestsPerJob: 10 });
      expect(job.parts.map((p) => [p.model, p.endpoint, p.requests])).toEqual([
        ['gpt-4o-mini', '/v1/chat/completions', 10],
        ['gpt-4o-mini', '/v1/chat/completions', 10],
        ['gpt-4o-mini', '/v1/chat/completions', 5],
        ['gpt-4o', '/v1/chat/completions', 3],
        ['text-embedding-3-small', '/v1/embeddings', 1],
      ]);
      const { results, summary } = await job.results().collect();
      expect(new Set(results.map((r) => r.customId)).size).toBe(29);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.find((r) => r.customId === 'emb')).toMatchObject({
        ok: true,
        embedding: { model: expect.any(String) },
      });
      expect(summary.batchIds).toHaveLength(5);
    });

    it('reports every request of a batch that failed validation', async () => {
      const job = await submitBatchJob(provider, lifecycleRequests(4), {
        ...fast,
        workDir,
        metadata: { mock_outcome: 'fail' },
        onFailed: 'resubmit',
      });
      const { results, summary } = await job.results().collect();
      expect(job.parts[0]?.batch?.status).toBe('failed');
      expect(results).toHaveLength(4);
      expect(results.every((r) => !r.ok && r.batchOutcome === 'batch-failed')).toBe(true);
      expect(summary).toMatchObject({ failed: 4, resubmitted: 0 });
    });

    it('resumes a job by id after a restart: from its folder, from the batch list, or from the input', async () => {
      const requests = lifecycleRequests(6);
      const jobId = `resume-${name}-${Date.now()}`;
      const first = await submitBatchJob(provider, requests, { ...fast, workDir, jobId, keepFiles: true });
      // Submitting again under the same id creates nothing new.
      const createdBefore = server.control.requests({ route: 'batches.create' }).length;
      expect(createdBefore).toBeGreaterThan(0);
      const again = await submitBatchJob(provider, requests, { ...fast, workDir, jobId, keepFiles: true });
      expect(server.control.requests({ route: 'batches.create' }).length).toBe(createdBefore);
      expect(again.parts[0]?.batch?.id).toBe(first.parts[0]?.batch?.id);
      await expect(submitBatchJob(provider, lifecycleRequests(7), { ...fast, workDir, jobId })).rejects.toMatchObject({
        problem: 'input-mismatch',
      });

      const fromFolder = await resumeBatchJob(provider, jobId, { ...fast, workDir, keepFiles: true });
      expect(fromFolder.directory).toBe(join(workDir, jobId));
      expect((await fromFolder.results().collect()).results).toHaveLength(6);

      await rm(join(workDir, jobId), { recursive: true });
      const fromList = await resumeBatchJob(provider, jobId, { ...fast, workDir });
      expect(fromList.directory).toBeUndefined();
      expect(fromList.parts[0]?.batch?.id).toBe(first.parts[0]?.batch?.id);
      const listed = await fromList.results().collect();
      expect(listed.results.map((r) => r.customId).sort()).toEqual(requests.map((r) => r.customId).sort());

      const fromInput = await resumeBatchJob(provider, jobId, { ...fast, workDir, requests });
      expect(fromInput.parts[0]?.batch?.id).toBe(first.parts[0]?.batch?.id);
      expect((await fromInput.results().collect()).summary.succeeded).toBe(6);

      await expect(resumeBatchJob(provider, 'no-such-job', { ...fast, workDir })).rejects.toMatchObject({
        code: 'not-found',
      });
    });
  });
}
