/**
 * The distributed batch across processes: the same job run by 1 and by 4 worker processes against the mock server
 * with 50 ms of latency per answer. First without a rate limit (speed-up: does throughput scale with workers?), then
 * with a limit that 4 workers could exceed, shared through `@switchboard/redis`'s store (what share of the ceiling the
 * fleet reaches, and no 429). Targets: speed-up ≥ 3.5×; ≥ 90% of the shared ceiling with 0 × 429. Each worker runs
 * `CONCURRENCY` calls at a time (below).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@switchboard/mock-server';
import { redisAvailability, startRedisTestServer } from '@switchboard/redis/testing';
import { reportRow } from '../../../scripts/bench-report.mjs';
import { enqueueBatch } from '../dist/distributed/index.js';

const availability = redisAvailability();
if (!availability.available) {
  console.log(`distributed batch bench skipped: ${availability.reason}`);
  process.exit(0);
}
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
/**
 * Calls in flight per worker. Four, so one worker is bound by the 50 ms latency (80 req/s at most), as a worker of a
 * real fleet is, and the question is whether adding workers adds throughput. At 16 a single worker already saturates
 * the two cores this machine shares between the workers, Redis and the mock server (about 210 req/s), and the bench
 * would measure the CPU instead of the scaling. `BENCH_CONCURRENCY` changes it.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const child = fileURLToPath(new URL('../test/queue-worker-child.mjs', import.meta.url));
let run = 0;

const redis = await startRedisTestServer();
const mock = await startMockServer({ latency: { timeToFirstTokenMs: 50, interChunkMs: 0 } });
try {
  const one = await fleet(1, {});
  const four = await fleet(4, {});
  const speedUp = four.rate / one.rate;
  reportRow({
    bench: 'batch-distributed',
    metric: '4 worker processes vs 1 (50 ms latency, no limit): speed-up',
    baseline: `1 worker ${one.rate.toFixed(0)} req/s`,
    ours: `4 workers ${four.rate.toFixed(0)} req/s`,
    ratio: speedUp,
    target: '≥ 3.5×',
    pass: speedUp >= 3.5,
  });
  const ceiling = Math.min(0.9 * four.rate, 150);
  const rpm = Math.round(ceiling * 60);
  mock.control.rateLimits.configure({ rpm, enforcement: 'per-second' });
  const limited = await fleet(4, { rpm });
  const share = limited.rate / (rpm / 60);
  reportRow({
    bench: 'batch-distributed',
    metric: `4 worker processes on one Redis-shared limit (${rpm} RPM, per-second enforcement)`,
    baseline: `ceiling ${(rpm / 60).toFixed(0)} req/s`,
    ours: `${limited.rate.toFixed(0)} req/s, ${limited.rateLimited} × 429`,
    ratio: share,
    target: '≥ 0.90 of ceiling, 0 × 429',
    pass: share >= 0.9 && limited.rateLimited === 0,
  });
} finally {
  await mock.close();
  await redis.stop();
}

async function fleet(workers, extra) {
  mock.control.reset();
  const queueName = `bench${run++}`;
  const prefix = `bench${run}`;
  const items = Array.from({ length: REQUESTS }, (_, i) => ({
    customId: `r${i}`,
    request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Item ${i}` }], maxOutputTokens: 8 },
  }));
  const job = await enqueueBatch(items, { connection: redis.url, jobId: queueName, queueName, prefix });
  const settings = JSON.stringify({
    redisUrl: redis.url,
    mockUrl: mock.url,
    queueName,
    prefix,
    concurrency: CONCURRENCY,
    ...extra,
  });
  const procs = await Promise.all(
    Array.from({ length: workers }, async () => {
      const proc = spawn(process.execPath, [child, settings], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => proc.stdout.once('data', resolve));
      return proc;
    }),
  );
  await job.done({ pollMs: 50 });
  for (const proc of procs) proc.kill('SIGTERM');
  await Promise.all(procs.map((proc) => new Promise((resolve) => proc.once('exit', resolve))));
  await job.close();
  const log = mock.control.requests();
  const ok = log
    .filter((entry) => entry.status === 200)
    .map((entry) => entry.time)
    .sort((a, b) => a - b);
  const rate = (ok.length - 1) / ((ok.at(-1) - ok[0]) / 1000);
  return { rate, rateLimited: log.filter((entry) => entry.status === 429).length };
}
