import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, ConfigError, InvalidRequestError, ServerError, UnsupportedError } from '@switchboard/core';
import { createRetryPolicy } from '@switchboard/resilience';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatRequests, fakeProvider } from '../../test/fake-provider.js';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { CheckpointError } from '../errors/checkpoint-error.js';
import type { BatchRequest } from '../types/batch-request.js';
import type { BatchResult } from '../types/batch-result.js';
import type { BatchProgress } from './progress.js';
import { runBatch } from './run-batch.js';

let dir: string;
let n = 0;
const fresh = () => {
  n += 1;
  return join(dir, `run-${n}.ckpt.jsonl`);
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, budgetRatio: 10, budgetMinPerSecond: 1000 };
const text = (result: BatchResult) => (result.ok ? result.chat?.text : result.error.code);

async function* slowly<T>(items: T[]) {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

describe('runBatch', () => {
  it('runs every request once with bounded concurrency, as they complete', async () => {
    const { provider, stats } = fakeProvider({ behaviour: (t) => ({ delayMs: (Number(t.slice(1)) % 5) * 2 }) });
    const { results, summary } = await runBatch(provider, chatRequests(50), { concurrency: 7 }).collect();
    expect(results.map((r) => r.customId).sort()).toEqual(
      chatRequests(50)
        .map((r) => r.customId)
        .sort(),
    );
    expect(results.every((r) => r.ok && r.chat?.text === `echo:p${r.customId.slice(1)}`)).toBe(true);
    expect(stats.calls).toBe(50);
    expect(stats.maxInFlight).toBeLessThanOrEqual(7);
    expect(stats.maxInFlight).toBeGreaterThan(1);
    expect(summary).toMatchObject({ total: 50, done: 50, succeeded: 50, failed: 0, stopped: false, inFlight: 0 });
    expect(summary.inputTokens).toBe(500);
    expect(summary.costUsd).toBeGreaterThan(0);
    expect(results[0]?.attempts).toBe(1);
  });

  it('delivers in input order when asked, even when later ones finish first', async () => {
    const { provider } = fakeProvider({ behaviour: (t) => ({ delayMs: t === 'p0' ? 30 : 1 }) });
    const results = [];
    for await (const result of runBatch(provider, slowly(chatRequests(20)), {
      concurrency: 4,
      order: 'input',
      maxHeldResults: 5,
    })) {
      results.push(result.customId);
    }
    expect(results).toEqual(chatRequests(20).map((r) => r.customId));
  });

  it('retries transient failures through the retry policy and reports typed errors for the rest', async () => {
    const { provider } = fakeProvider({
      behaviour: (t) => {
        if (t === 'p1') return { error: () => new ServerError({ message: 'flaky', status: 503 }), times: 2 };
        if (t === 'p2') return { error: () => new InvalidRequestError({ message: 'bad', status: 400 }) };
        return undefined;
      },
    });
    const { results, summary } = await runBatch(provider, chatRequests(3), {
      retry: createRetryPolicy(fastRetry),
    }).collect();
    const byId = new Map(results.map((r) => [r.customId, r]));
    expect(byId.get('q1')).toMatchObject({ ok: true, attempts: 3 });
    const failed = byId.get('q2');
    expect(failed?.ok).toBe(false);
    expect(failed?.ok === false && failed.error).toBeInstanceOf(InvalidRequestError);
    expect(summary).toMatchObject({ succeeded: 2, failed: 1, failedIds: ['q2'] });
  });

  it('runs embeddings, and refuses them for a provider that cannot embed', async () => {
    const { provider } = fakeProvider();
    const items: BatchRequest[] = [
      { customId: 'e1', kind: 'embedding', request: { model: 'text-embedding-3-small', input: ['ab', 'c'] } },
    ];
    const { results } = await runBatch(provider, items).collect();
    expect(results[0]).toMatchObject({
      ok: true,
      embedding: { embeddings: [new Float32Array([2, 1]), new Float32Array([1, 1])] },
    });
    const { provider: noEmbed } = fakeProvider({ embed: false });
    await expect(runBatch(noEmbed, items).collect()).rejects.toBeInstanceOf(UnsupportedError);
  });

  it('refuses bad input with a typed error naming the item', async () => {
    const { provider } = fakeProvider();
    await expect(
      runBatch(provider, [...chatRequests(2), chatRequests(1)[0] as BatchRequest]).collect(),
    ).rejects.toThrow(/appears more than once/);
    await expect(runBatch(provider, [{ customId: '', request: {} } as never]).collect()).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(runBatch(provider, chatRequests(1), { concurrency: 0 }).collect()).rejects.toBeInstanceOf(ConfigError);
  });

  it('emits throttled progress with a final snapshot', async () => {
    const { provider } = fakeProvider();
    const events: BatchProgress[] = [];
    const run = runBatch(provider, chatRequests(30), {
      concurrency: 5,
      progressIntervalMs: 0,
      onProgress: (p) => events.push(p),
    });
    expect(run.progress()).toMatchObject({ done: 0 });
    const summary = await run.drain();
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)).toMatchObject({ done: 30, total: 30, etaMs: 0, inFlight: 0 });
    expect(events.at(-1)?.requestsPerSecond).toBeGreaterThan(0);
    expect(run.summary).toBe(summary);
    expect(() => run[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it('stops cleanly on abort: no new calls, calls in flight cancelled, nothing checkpointed for them', async () => {
    const { provider, stats } = fakeProvider({ delayMs: 20 });
    const controller = new AbortController();
    const path = fresh();
    const run = runBatch(provider, chatRequests(100), { concurrency: 4, signal: controller.signal, checkpoint: path });
    const seen: string[] = [];
    const consume = async () => {
      for await (const result of run) {
        seen.push(result.customId);
        if (seen.length === 6) controller.abort();
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(AbortedError);
    const callsAtAbort = stats.calls;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(stats.calls).toBe(callsAtAbort);
    expect(run.summary?.stopped).toBe(true);
    const saved = (await readFile(path, 'utf8')).trim().split('\n').slice(1);
    expect(saved.every((line) => JSON.parse(line).ok === true)).toBe(true);
    // The lock is released: a rerun can open the checkpoint and finish the rest.
    const { results } = await runBatch(provider, chatRequests(100), { concurrency: 10, checkpoint: path }).collect();
    expect(results).toHaveLength(100);
    expect(results.filter((r) => r.source === 'checkpoint')).toHaveLength(saved.length);
  });

  it('does not start when the signal is already aborted', async () => {
    const { provider, stats } = fakeProvider();
    await expect(runBatch(provider, chatRequests(3), { signal: AbortSignal.abort() }).collect()).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(stats.calls).toBe(0);
  });

  it('stops when the consumer stops reading', async () => {
    const { provider, stats } = fakeProvider({ delayMs: 5 });
    const run = runBatch(provider, chatRequests(100), { concurrency: 3 });
    for await (const _ of run) break;
    expect(run.summary?.stopped).toBe(true);
    const calls = stats.calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stats.calls).toBe(calls);
    expect(calls).toBeLessThan(10);
  });

  it('resumes from a checkpoint: done requests are replayed, not rerun', async () => {
    const path = fresh();
    const first = fakeProvider();
    await runBatch(first.provider, chatRequests(10), { checkpoint: path, checkpointDurability: 'write' }).drain();
    expect(first.stats.calls).toBe(10);
    const second = fakeProvider();
    const { results, summary } = await runBatch(second.provider, chatRequests(12), { checkpoint: fresh() }).collect();
    expect(results).toHaveLength(12);
    expect(summary.fromCheckpoint).toBe(0);
    const third = fakeProvider();
    const again = await runBatch(third.provider, chatRequests(10), { checkpoint: path, order: 'input' }).collect();
    expect(third.stats.calls).toBe(0);
    expect(again.results.map(text)).toEqual(chatRequests(10).map((r) => `echo:${r.request.messages[0]?.content}`));
    expect(again.results.every((r) => r.source === 'checkpoint')).toBe(true);
    expect(again.summary).toMatchObject({ fromCheckpoint: 10, succeeded: 0, done: 10 });
    const quiet = await runBatch(third.provider, chatRequests(10), {
      checkpoint: path,
      replayCheckpoint: false,
    }).collect();
    expect(quiet.results).toHaveLength(0);
    expect(quiet.summary.fromCheckpoint).toBe(10);
  });

  it('reruns checkpointed failures as told by rerunFailed', async () => {
    const path = fresh();
    const failing = fakeProvider({
      behaviour: (t) =>
        t === 'p0'
          ? { error: () => new ServerError({ message: 'down', status: 500 }) }
          : t === 'p1'
            ? { error: () => new InvalidRequestError({ message: 'bad', status: 400 }) }
            : undefined,
    });
    await runBatch(failing.provider, chatRequests(3), { checkpoint: path, retry: false }).drain();
    const healthy = fakeProvider();
    await runBatch(healthy.provider, chatRequests(3), { checkpoint: path, rerunFailed: 'none' }).drain();
    expect(healthy.stats.calls).toBe(0);
    const retryable = await runBatch(healthy.provider, chatRequests(3), { checkpoint: path }).collect();
    expect(healthy.stats.calls).toBe(1);
    expect(retryable.results.find((r) => r.customId === 'q0')).toMatchObject({ ok: true, source: 'run' });
    await runBatch(healthy.provider, chatRequests(3), { checkpoint: path, rerunFailed: 'all' }).drain();
    expect(healthy.stats.calls).toBe(2);
    const final = await runBatch(healthy.provider, chatRequests(3), { checkpoint: path }).collect();
    expect(final.results.every((r) => r.ok && r.source === 'checkpoint')).toBe(true);
  });

  it('refuses a checkpoint of another input, or a changed request past the fingerprinted prefix', async () => {
    const path = fresh();
    const { provider } = fakeProvider();
    await runBatch(provider, chatRequests(3), { checkpoint: path }).drain();
    await expect(runBatch(provider, chatRequests(4), { checkpoint: path }).drain()).rejects.toMatchObject({
      problem: 'input-mismatch',
    });
    const long = fresh();
    const items = chatRequests(1_005);
    await runBatch(provider, items, { checkpoint: long, concurrency: 64, checkpointDurability: 'write' }).drain();
    const changed = items.map((item, i) =>
      i === 1_003
        ? { ...item, request: { ...item.request, messages: [{ role: 'user' as const, content: 'other' }] } }
        : item,
    );
    const error = await runBatch(provider, changed, { checkpoint: long })
      .drain()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error).toMatchObject({ problem: 'request-changed' });
  });

  it('fails the run when the checkpoint cannot be written', async () => {
    const { provider, stats } = fakeProvider({ delayMs: 2 });
    const append = vi.spyOn(CheckpointStore.prototype, 'append').mockRejectedValue(new Error('disk full'));
    try {
      const run = runBatch(provider, chatRequests(50), { checkpoint: fresh(), concurrency: 2 });
      await expect(run.collect()).rejects.toThrow('disk full');
      expect(stats.calls).toBeLessThan(50);
      expect(run.summary?.stopped).toBe(true);
    } finally {
      append.mockRestore();
    }
  });
});
