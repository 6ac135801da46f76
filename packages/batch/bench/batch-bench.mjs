/**
 * Benchmarks of @switchboard/batch, all in one run against @switchboard/mock-server (in its own process) with set
 * latency and limits:
 *
 * 1. Throughput of runBatch under the server's RPM/TPM limits (TPM binds), against a sequential loop over the same
 *    provider and against the ceiling min(RPM, TPM / tokens per request, concurrency / latency). The client limiter
 *    is drained first so the run measures the steady rate, not the one-minute burst both buckets start with.
 * 2. Checkpoint overhead: runBatch with and without a checkpoint (fsync durability) where nothing but latency and
 *    concurrency bounds the run, so the checkpoint's cost is not hidden behind a rate limit.
 * 3. runBatch against a plain promise pool of the same concurrency over the same provider (target >= 0.97x).
 * 4. Batch API files, each task in its own process (time and peak RSS): building a 50,000-line (~190 MB) input file
 *    through `submitBatchJob`'s code against a plain `fs.createWriteStream` writer (target <= 1.1x time, <= 1.2x
 *    memory), and parsing an output file of the same size with `readJsonl` against `node:readline` + JSON.parse
 *    (same targets).
 *
 * Every comparison runs ours and its baseline interleaved (alternating which goes first), medians of RUNS runs.
 * The run ends with one table: metric, baseline, ours, ratio, target, PASS/FAIL.
 * Run with `pnpm --filter @switchboard/batch bench` (builds first) or `pnpm bench`.
 */
import { execFile, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRateLimiter, rateLimitKey } from '@switchboard/resilience';
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
  return {
    bytes,
    build: {
      ours: { ms: of(samples.buildOurs, 'ms'), rss: of(samples.buildOurs, 'peakRss') },
      plain: { ms: of(samples.buildPlain, 'ms'), rss: of(samples.buildPlain, 'peakRss') },
    },
    parse: {
      ours: { ms: of(samples.parseOurs, 'ms'), rss: of(samples.parseOurs, 'peakRss') },
      plain: { ms: of(samples.parseReadline, 'ms'), rss: of(samples.parseReadline, 'peakRss') },
    },
  };
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

const rows = [];
/** One line of the closing table; `higherIsBetter` ratios must reach the target, the others stay under it. */
const row = (metric, baseline, ours, ratio, target, higherIsBetter, unit = '') =>
  rows.push({
    metric,
    baseline,
    ours,
    ratio,
    target,
    higherIsBetter,
    pass: higherIsBetter ? ratio >= target : ratio <= target,
    unit,
  });

row('runBatch / sequential loop (req/s)', t.sequential, t.batch, t.batch / t.sequential, 5, true);
row('runBatch / ceiling under limits (req/s)', t.ceiling, t.batch, t.batch / t.ceiling, 0.9, true);
row('checkpoint overhead: with / without (req/s)', c.plain, c.checkpointed, c.checkpointed / c.plain, 0.95, true);

const p = await poolScenario();
console.log(`3. runBatch vs a plain promise pool: latency ${OPEN.latencyMs} ms, concurrency ${OPEN.concurrency}`);
console.log(`   promise pool: ${fmt(p.pool)} requests/s   runBatch: ${fmt(p.ours)} requests/s`);
console.log(`   ratio ${fmt(p.ours / p.pool, 3)}x   (target >= 0.97x) ${p.ours / p.pool >= 0.97 ? 'PASS' : 'FAIL'}\n`);
row('runBatch / promise pool (req/s)', p.pool, p.ours, p.ours / p.pool, 0.97, true);

const f = await filesScenario();
console.log(`4. Batch API files: 50,000 lines, ${fmt(f.bytes / MB)} MiB; each task in its own process`);
for (const [name, data, baseline] of [
  ['build input (submitBatchJob code vs fs.createWriteStream)', f.build, 'plain writer'],
  ['parse output (readJsonl vs readline + JSON.parse)', f.parse, 'readline'],
]) {
  console.log(`   ${name}`);
  console.log(
    `     ${baseline}: ${fmt(data.plain.ms / 1000, 2)} s, peak RSS ${fmt(data.plain.rss / MB)} MiB   ours: ${fmt(data.ours.ms / 1000, 2)} s, peak RSS ${fmt(data.ours.rss / MB)} MiB`,
  );
}
console.log('');
row('build input file: time (ms)', f.build.plain.ms, f.build.ours.ms, f.build.ours.ms / f.build.plain.ms, 1.1, false);
row(
  'build input file: peak RSS (MiB)',
  f.build.plain.rss / MB,
  f.build.ours.rss / MB,
  f.build.ours.rss / f.build.plain.rss,
  1.2,
  false,
);
row('parse output file: time (ms)', f.parse.plain.ms, f.parse.ours.ms, f.parse.ours.ms / f.parse.plain.ms, 1.1, false);
row(
  'parse output file: peak RSS (MiB)',
  f.parse.plain.rss / MB,
  f.parse.ours.rss / MB,
  f.parse.ours.rss / f.parse.plain.rss,
  1.2,
  false,
);

console.log('metric                                         baseline       ours    ratio   target  result');
for (const r of rows) {
  console.log(
    `${r.metric.padEnd(46)} ${fmt(r.baseline).padStart(9)} ${fmt(r.ours).padStart(10)} ${fmt(r.ratio, 3).padStart(8)}  ${(r.higherIsBetter ? '>= ' : '<= ') + r.target}  ${r.pass ? 'PASS' : 'FAIL'}`,
  );
}
