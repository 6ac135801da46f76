/**
 * Benchmarks of @switchboard/batch, all in one run against @switchboard/mock-server (in its own process) with set
 * latency and limits:
 *
 * 1. Throughput of runBatch under the server's RPM/TPM limits (TPM binds), against a sequential loop over the same
 *    provider and against the ceiling min(RPM, TPM / tokens per request, concurrency / latency). The client limiter
 *    is drained first so the run measures the steady rate, not the one-minute burst both buckets start with.
 * 2. Checkpoint overhead: runBatch with and without a checkpoint (fsync durability) where nothing but latency and
 *    concurrency bounds the run, so the checkpoint's cost is not hidden behind a rate limit.
 * 3. Building and reading a 50,000-request (about 200 MB) Batch API input file, in a fresh process: peak memory.
 *
 * Medians over RUNS runs. Run with `pnpm --filter @switchboard/batch bench` (builds first) or `pnpm bench`.
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRateLimiter, rateLimitKey } from '@switchboard/resilience';
import { runBatch } from '../dist/node.js';

const RUNS = 3;
const MODEL = 'gpt-4o-mini';
const MAX_OUTPUT = 16;
/** Scenario 1: TPM binds at 40 requests/s; RPM allows 60/s; 32 slots at 200 ms allow 160/s. */
const LIMITED = { latencyMs: 200, concurrency: 32, rpm: 3_600, requests: 320, sequential: 20 };
/** Scenario 2: only latency and concurrency bound the run (16 slots at 100 ms: 160/s). */
const OPEN = { latencyMs: 100, concurrency: 16, requests: 640 };

const requestsFor = (n, tag) =>
  Array.from({ length: n }, (_, i) => ({
    customId: `${tag}-${i}`,
    request: {
      model: MODEL,
      maxOutputTokens: MAX_OUTPUT,
      messages: [
        { role: 'user', content: `Bench ${tag} request ${String(i).padStart(5, '0')}: one line on switchboards.` },
      ],
    },
  }));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value, digits = 1) => value.toFixed(digits);
let keys = 0;
const freshKey = () => {
  keys += 1;
  return `sk-bench-batch-${process.pid}-${keys}`;
};

async function startServer(options) {
  const child = fork(new URL('./mock-process.mjs', import.meta.url), [JSON.stringify(options)], { stdio: 'inherit' });
  const pending = new Map();
  let next = 0;
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message) => {
      if (message.ready) resolve(message.url);
      else pending.get(message.id)?.(message.result);
    });
  });
  const call = (command) =>
    new Promise((resolve) => {
      next += 1;
      const id = next;
      pending.set(id, resolve);
      child.send({ id, command });
    });
  return {
    url,
    statuses: () => call('statuses'),
    close: async () => {
      await call('close');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Empties the limiter's buckets (they start with a minute's burst) so a run measures the steady refill rate. */
async function drain(limiter, key) {
  const { requests, tokens } = limiter.inspect(key);
  const held = [await limiter.acquire(key, { tokens: Math.floor(tokens ?? 0) })];
  for (let i = 1; i < Math.floor(requests ?? 0); i += 1) held.push(await limiter.acquire(key, { tokens: 0 }));
  for (const reservation of held) reservation.settle();
}

async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function throughputScenario() {
  const probe = createRateLimiter({});
  const tokensPerRequest = probe.estimateTokens(requestsFor(1, 'probe')[0].request);
  const tpm = tokensPerRequest * 40 * 60;
  const ceilings = {
    rpm: LIMITED.rpm / 60,
    tpm: tpm / 60 / tokensPerRequest,
    concurrency: LIMITED.concurrency / (LIMITED.latencyMs / 1000),
  };
  const ceiling = Math.min(ceilings.rpm, ceilings.tpm, ceilings.concurrency);
  const server = await startServer({
    latency: { timeToFirstTokenMs: LIMITED.latencyMs, interChunkMs: 0 },
    rateLimits: { mode: 'openai', rpm: LIMITED.rpm, tpm },
    requestLogLimit: 100_000,
  });
  const batchRates = [];
  const sequentialRates = [];
  const rejected = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const apiKey = freshKey();
      const provider = createOpenAIProvider({ apiKey, baseURL: server.url });
      const sequential = requestsFor(LIMITED.sequential, `seq${run}`);
      const loop = await timed(async () => {
        for (const item of sequential) await provider.chat(item.request);
      });
      sequentialRates.push(LIMITED.sequential / (loop.ms / 1000));

      const limiter = createRateLimiter({ requestsPerMinute: LIMITED.rpm, tokensPerMinute: tpm });
      await drain(limiter, rateLimitKey('openai', MODEL));
      await server.statuses();
      const batch = await timed(() =>
        runBatch(provider, requestsFor(LIMITED.requests, `run${run}`), {
          concurrency: LIMITED.concurrency,
          rateLimiter: limiter,
        }).drain(),
      );
      if (batch.value.failed > 0) throw new Error(`${batch.value.failed} requests failed`);
      batchRates.push(LIMITED.requests / (batch.ms / 1000));
      rejected.push((await server.statuses()).filter((status) => status === 429).length);
    }
  } finally {
    await server.close();
  }
  return {
    tokensPerRequest,
    tpm,
    ceilings,
    ceiling,
    batch: median(batchRates),
    sequential: median(sequentialRates),
    rejected,
  };
}

async function checkpointScenario() {
  const server = await startServer({ latency: { timeToFirstTokenMs: OPEN.latencyMs, interChunkMs: 0 } });
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-ckpt-'));
  const plain = [];
  const checkpointed = [];
  try {
    const provider = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
    // Alternate the two so a slow moment of the machine hits both alike.
    for (let run = 0; run < RUNS; run += 1) {
      const without = await timed(() =>
        runBatch(provider, requestsFor(OPEN.requests, `plain${run}`), { concurrency: OPEN.concurrency }).drain(),
      );
      plain.push(OPEN.requests / (without.ms / 1000));
      const withCheckpoint = await timed(() =>
        runBatch(provider, requestsFor(OPEN.requests, `ckpt${run}`), {
          concurrency: OPEN.concurrency,
          checkpoint: join(dir, `run-${run}.ckpt.jsonl`),
          checkpointDurability: 'fsync',
        }).drain(),
      );
      checkpointed.push(OPEN.requests / (withCheckpoint.ms / 1000));
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const ceiling = OPEN.concurrency / (OPEN.latencyMs / 1000);
  return { ceiling, plain: median(plain), checkpointed: median(checkpointed) };
}

async function memoryScenario() {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [new URL('./jsonl-memory.mjs', import.meta.url).pathname],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

const MB = 1024 * 1024;
console.log(`@switchboard/batch bench (medians of ${RUNS} runs; mock server in its own process)\n`);

const t = await throughputScenario();
console.log(
  `1. Throughput under limits: latency ${LIMITED.latencyMs} ms, RPM ${LIMITED.rpm}, TPM ${t.tpm} (${t.tokensPerRequest} tokens/request), concurrency ${LIMITED.concurrency}`,
);
console.log(
  `   ceiling = min(RPM ${fmt(t.ceilings.rpm)}/s, TPM/tokens ${fmt(t.ceilings.tpm)}/s, concurrency/latency ${fmt(t.ceilings.concurrency)}/s) = ${fmt(t.ceiling)} requests/s`,
);
console.log(`   sequential loop:  ${fmt(t.sequential)} requests/s (${LIMITED.sequential} requests)`);
console.log(
  `   runBatch:         ${fmt(t.batch)} requests/s (${LIMITED.requests} requests), 429s per run: ${t.rejected.join(', ')}`,
);
console.log(`   runBatch / sequential = ${fmt(t.batch / t.sequential, 2)}x   (target >= 5x)`);
console.log(`   runBatch / ceiling    = ${fmt((t.batch / t.ceiling) * 100)}%   (target >= 90%)\n`);

const c = await checkpointScenario();
const overhead = (1 - c.checkpointed / c.plain) * 100;
console.log(
  `2. Checkpoint overhead: latency ${OPEN.latencyMs} ms, concurrency ${OPEN.concurrency}, no limits (ceiling ${fmt(c.ceiling)}/s), ${OPEN.requests} requests`,
);
console.log(`   without checkpoint: ${fmt(c.plain)} requests/s`);
console.log(`   with checkpoint (fsync, group commit): ${fmt(c.checkpointed)} requests/s`);
console.log(`   overhead = ${fmt(overhead)}%   (target < 5%)\n`);

const m = await memoryScenario();
console.log(`3. Batch API input file: ${m.lines} requests, ${fmt(m.bytes / MB)} MB (${fmt(m.bytes / 1e6)} MB decimal)`);
console.log(`   build ${fmt(m.buildMs / 1000, 2)} s, read ${fmt(m.readMs / 1000, 2)} s`);
console.log(
  `   peak RSS ${fmt(m.peakRss / MB)} MB (process at start: ${fmt(m.baselineRss / MB)} MB)   (target < 200 MB)`,
);
