/**
 * Benchmarks of @switchboard/batch, all in one run against @switchboard/mock-server (in its own process) with set
 * latency and limits:
 *
 * 1. Throughput of runBatch under the server's RPM/TPM limits (TPM binds), against a sequential loop over the same
 *    provider and against the ceiling min(RPM, TPM / tokens per request, concurrency / latency), where the tokens per
 *    request are what the server charged for the run's requests (the prompt tokens it reports plus the
 *    `max_tokens` it reserves up front), not the client's estimate. The client limiter is drained first so the run
 *    measures the steady rate, not the one-minute burst both buckets start with; the server must answer no 429.
 * 2. Checkpoint overhead: runBatch with and without a checkpoint (fsync durability) where nothing but latency and
 *    concurrency bounds the run, so the checkpoint's cost is not hidden behind a rate limit.
 * 3. runBatch against a plain promise pool of the same concurrency over the same provider (target >= 0.97x).
 * 4. Batch API files, each task in its own process (time and peak RSS): building a 50,000-line (~190 MB) input file
 *    through `submitBatchJob` against a plain `fs.createWriteStream` writer (target <= 1.1x time, <= 1.2x memory),
 *    and parsing an output file of the same size with `readJsonl` against `node:readline` + JSON.parse (same
 *    targets). Both sides of a pair set their process up alike (see file-task.mjs): each has the provider loaded.
 *
 * Every comparison runs ours and its baseline interleaved (alternating which goes first), medians of RUNS runs.
 * Every target is reported through `reportRow` (bench: 'batch'); the process exits non-zero when one fails.
 * Run with `pnpm --filter @switchboard/batch bench` (builds first) or `pnpm bench`.
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRateLimiter, rateLimitKey } from '@switchboard/resilience';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { runBatch } from '../dist/node.js';

const RUNS = 5;
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
  const { requests, tokens } = await limiter.inspect(key);
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
  // The limits are sized from the client's estimate (about 40 requests/s bind on TPM); the ceiling is computed from
  // what the server actually charges, below.
  const probe = createRateLimiter({});
  const estimatedTokens = probe.estimateTokens(requestsFor(1, 'run0')[0].request);
  const tpm = estimatedTokens * 40 * 60;
  const server = await startServer({
    latency: { timeToFirstTokenMs: LIMITED.latencyMs, interChunkMs: 0 },
    rateLimits: { mode: 'openai', rpm: LIMITED.rpm, tpm },
    requestLogLimit: 100_000,
  });
  const batchRates = [];
  const sequentialRates = [];
  const charges = [];
  const rejected = [];
  let failed = 0;
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
      let charged = 0;
      let answered = 0;
      const batch = await timed(async () => {
        for await (const result of runBatch(provider, requestsFor(LIMITED.requests, `run${run}`), {
          concurrency: LIMITED.concurrency,
          rateLimiter: limiter,
        })) {
          if (!result.ok) {
            failed += 1;
            continue;
          }
          // What the server's token bucket took for the call: its prompt count plus the max_tokens reserved.
          charged += (result.chat?.usage?.inputTokens ?? 0) + MAX_OUTPUT;
          answered += 1;
        }
      });
      batchRates.push(LIMITED.requests / (batch.ms / 1000));
      charges.push(charged / Math.max(1, answered));
      rejected.push((await server.statuses()).filter((status) => status === 429).length);
    }
  } finally {
    await server.close();
  }
  const tokensPerRequest = median(charges);
  const ceilings = {
    rpm: LIMITED.rpm / 60,
    tpm: tpm / 60 / tokensPerRequest,
    concurrency: LIMITED.concurrency / (LIMITED.latencyMs / 1000),
  };
  return {
    estimatedTokens,
    tokensPerRequest,
    tpm,
    ceilings,
    ceiling: Math.min(ceilings.rpm, ceilings.tpm, ceilings.concurrency),
    batch: median(batchRates),
    sequential: median(sequentialRates),
    rejected,
    failed,
  };
}

async function checkpointScenario() {
  const server = await startServer({ latency: { timeToFirstTokenMs: OPEN.latencyMs, interChunkMs: 0 } });
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-ckpt-'));
  const plain = [];
  const checkpointed = [];
  try {
    const provider = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
    // Alternate the two, and which goes first, so a slow moment of the machine hits both alike.
    for (let run = 0; run < RUNS; run += 1) {
      const measureWithout = async () => {
        const without = await timed(() =>
          runBatch(provider, requestsFor(OPEN.requests, `plain${run}`), { concurrency: OPEN.concurrency }).drain(),
        );
        plain.push(OPEN.requests / (without.ms / 1000));
      };
      const measureWith = async () => {
        const withCheckpoint = await timed(() =>
          runBatch(provider, requestsFor(OPEN.requests, `ckpt${run}`), {
            concurrency: OPEN.concurrency,
            checkpoint: join(dir, `run-${run}.ckpt.jsonl`),
            checkpointDurability: 'fsync',
          }).drain(),
        );
        checkpointed.push(OPEN.requests / (withCheckpoint.ms / 1000));
      };
      if (run % 2) {
        await measureWith();
        await measureWithout();
      } else {
        await measureWithout();
        await measureWith();
      }
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const ceiling = OPEN.concurrency / (OPEN.latencyMs / 1000);
  return { ceiling, plain: median(plain), checkpointed: median(checkpointed) };
}

/** runBatch against the plain promise pool a user would write, same provider, same concurrency. */
async function poolScenario() {
  const server = await startServer({ latency: { timeToFirstTokenMs: OPEN.latencyMs, interChunkMs: 0 } });
  const pool = [];
  const ours = [];
  try {
    const provider = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
    const promisePool = async (items) => {
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const item = items[next];
          next += 1;
          await provider.chat(item.request);
        }
      };
      await Promise.all(Array.from({ length: OPEN.concurrency }, worker));
    };
    for (let run = 0; run < RUNS; run += 1) {
      const measurePool = async () => {
        const result = await timed(() => promisePool(requestsFor(OPEN.requests, `pool${run}`)));
        pool.push(OPEN.requests / (result.ms / 1000));
      };
      const measureOurs = async () => {
        const result = await timed(() =>
          runBatch(provider, requestsFor(OPEN.requests, `ours${run}`), { concurrency: OPEN.concurrency }).drain(),
        );
        ours.push(OPEN.requests / (result.ms / 1000));
      };
      if (run % 2) {
        await measureOurs();
        await measurePool();
      } else {
        await measurePool();
        await measureOurs();
      }
    }
  } finally {
    await server.close();
  }
  return { pool: median(pool), ours: median(ours) };
}

/** One file task in a fresh process (see file-task.mjs). */
async function fileTask(task, target) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [new URL('./file-task.mjs', import.meta.url).pathname, task, target],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

async function filesScenario() {
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-files-'));
  const samples = { buildOurs: [], buildPlain: [], parseOurs: [], parseReadline: [] };
  let bytes = 0;
  try {
    const output = join(dir, 'output.jsonl');
    await fileTask('make-output', output);
    for (let run = 0; run < RUNS; run += 1) {
      const order = run % 2 ? ['build-ours', 'build-plain'] : ['build-plain', 'build-ours'];
      for (const task of order) {
        const workDir = await mkdtemp(join(dir, 'build-'));
        const result = await fileTask(task, workDir);
        bytes = result.bytes;
        samples[task === 'build-ours' ? 'buildOurs' : 'buildPlain'].push(result);
        await rm(workDir, { recursive: true, force: true });
      }
      const parseOrder = run % 2 ? ['parse-ours', 'parse-readline'] : ['parse-readline', 'parse-ours'];
      for (const task of parseOrder) {
        samples[task === 'parse-ours' ? 'parseOurs' : 'parseReadline'].push(await fileTask(task, output));
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const of = (list, key) => median(list.map((sample) => sample[key]));
  const sampleOf = (list) => ({ ms: of(list, 'ms'), rss: of(list, 'peakRss'), cpuMs: of(list, 'cpuMs') });
  return {
    bytes,
    build: {
      ours: sampleOf(samples.buildOurs),
      plain: sampleOf(samples.buildPlain),
    },
    parse: {
      ours: sampleOf(samples.parseOurs),
      plain: sampleOf(samples.parseReadline),
    },
  };
}

const MB = 1024 * 1024;
const BENCH = 'batch';
let failures = 0;
/** Reports one target; `higherIsBetter` ratios must reach it, the others stay at or under it. */
const row = (metric, baseline, ours, ratio, target, higherIsBetter) => {
  const pass = higherIsBetter ? ratio >= target : ratio <= target;
  if (!pass) failures += 1;
  reportRow({ bench: BENCH, metric, baseline, ours, ratio, target: `${higherIsBetter ? '>=' : '<='} ${target}`, pass });
};
const rate = (value) => `${fmt(value)} req/s`;

console.log(`@switchboard/batch bench (medians of ${RUNS} runs; mock server in its own process)\n`);

const t = await throughputScenario();
console.log(
  `1. Throughput under limits: latency ${LIMITED.latencyMs} ms, RPM ${LIMITED.rpm}, TPM ${t.tpm}, concurrency ${LIMITED.concurrency}`,
);
console.log(
  `   the server charged ${fmt(t.tokensPerRequest)} tokens/request (prompt + max_tokens; the client estimated ${t.estimatedTokens} and settles to the real usage)`,
);
console.log(
  `   ceiling = min(RPM ${fmt(t.ceilings.rpm)}/s, TPM/tokens ${fmt(t.ceilings.tpm)}/s, concurrency/latency ${fmt(t.ceilings.concurrency)}/s) = ${fmt(t.ceiling)} requests/s`,
);
console.log(
  `   sequential loop ${rate(t.sequential)}, runBatch ${rate(t.batch)}, 429s per run: ${t.rejected.join(', ')}`,
);
row('runBatch / sequential loop (req/s)', rate(t.sequential), rate(t.batch), t.batch / t.sequential, 5, true);
row('runBatch / ceiling under limits (req/s)', rate(t.ceiling), rate(t.batch), t.batch / t.ceiling, 0.9, true);
const total429 = t.rejected.reduce((sum, count) => sum + count, 0);
// A count, not a ratio: the server must never have had to refuse a call (and no call may fail).
reportRow({
  bench: BENCH,
  metric: 'runBatch under limits: server 429s + failed calls',
  baseline: '0',
  ours: `${total429} x 429, ${t.failed} failed (${RUNS} runs)`,
  ratio: total429 + t.failed,
  target: '== 0',
  pass: total429 + t.failed === 0,
});
if (total429 + t.failed > 0) failures += 1;
console.log('');

const c = await checkpointScenario();
console.log(
  `2. Checkpoint overhead: latency ${OPEN.latencyMs} ms, concurrency ${OPEN.concurrency}, no limits (ceiling ${fmt(c.ceiling)}/s), ${OPEN.requests} requests; overhead ${fmt((1 - c.checkpointed / c.plain) * 100)}% (target < 5%)`,
);
row(
  'checkpoint overhead: with / without (req/s)',
  rate(c.plain),
  rate(c.checkpointed),
  c.checkpointed / c.plain,
  0.95,
  true,
);
console.log('');

const p = await poolScenario();
console.log(`3. runBatch vs a plain promise pool: latency ${OPEN.latencyMs} ms, concurrency ${OPEN.concurrency}`);
row('runBatch / promise pool (req/s)', rate(p.pool), rate(p.ours), p.ours / p.pool, 0.97, true);
console.log('');

const f = await filesScenario();
console.log(`4. Batch API files: 50,000 lines, ${fmt(f.bytes / MB)} MiB; each task in its own process`);
const ms = (value) => `${fmt(value)} ms`;
const mib = (value) => `${fmt(value / MB)} MiB`;
row(
  'build input file (vs createWriteStream): time',
  ms(f.build.plain.ms),
  ms(f.build.ours.ms),
  f.build.ours.ms / f.build.plain.ms,
  1.1,
  false,
);
row(
  'build input file (vs createWriteStream): peak RSS',
  mib(f.build.plain.rss),
  mib(f.build.ours.rss),
  f.build.ours.rss / f.build.plain.rss,
  1.2,
  false,
);
row(
  'parse output file (vs readline): time',
  ms(f.parse.plain.ms),
  ms(f.parse.ours.ms),
  f.parse.ours.ms / f.parse.plain.ms,
  1.1,
  false,
);
row(
  'parse output file (vs readline): peak RSS',
  mib(f.parse.plain.rss),
  mib(f.parse.ours.rss),
  f.parse.ours.rss / f.parse.plain.rss,
  1.2,
  false,
);
console.log(
  `\nCPU time (user + system, whole process; for reference): build ${ms(f.build.plain.cpuMs)} plain vs ${ms(f.build.ours.cpuMs)} ours, parse ${ms(f.parse.plain.cpuMs)} readline vs ${ms(f.parse.ours.cpuMs)} ours`,
);
if (failures > 0) {
  console.log(`\n${failures} target(s) failed`);
  process.exitCode = 1;
}
