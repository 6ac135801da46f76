/**
 * The Redis store where it matters: four worker processes share one per-second-enforced quota on the mock server,
 * first each with its own memory store (what every process believes without Redis), then all on one Redis store.
 * Goodput is measured from the mock's log over the steady part of the run (first to last answer), against the
 * ceiling the mock enforces; the memory-store run is the baseline of the same run. Then the limiter's own cost on
 * Redis over loopback: reserve + settle per call, p50, against the memory store.
 * Targets: Redis ≥ 95% of the ceiling with 0 × 429; limiter p50 < 1 ms.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@switchboard/mock-server';
import { createMemoryRateLimitStore } from '@switchboard/resilience';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { createRedisRateLimitStore } from '../dist/index.js';
import { redisAvailability, startRedisTestServer } from '../dist/testing/index.js';

const availability = redisAvailability();
if (!availability.available) {
  console.log(`redis bench skipped: ${availability.reason}`);
  process.exit(0);
}

const RPM = 2_400; // 40 per second, enforced per second
const WORKERS = 4;
const PER_WORKER = Number(process.env.BENCH_PER_WORKER ?? 75); // 300 requests: 7.5 s at the ceiling
const worker = fileURLToPath(new URL('../test/fixtures/shared-quota-worker.mjs', import.meta.url));
const prompts = ['Hi.', 'Summarise the history of telephone switchboards in two sentences.', 'Name three colours.'];

const redis = await startRedisTestServer();
try {
  const memory = await runFleet(undefined);
  const shared = await runFleet(redis.url);
  const describe = (r) => `${(r.share * 100).toFixed(1)}% of ceiling, ${r.rateLimited} × 429`;
  console.log(`memory stores: ${describe(memory)}; Redis store: ${describe(shared)}`);
  reportRow({
    bench: 'redis',
    metric: `${WORKERS} processes on one Redis store: share of the per-second ceiling`,
    baseline: `memory stores ${describe(memory)}`,
    ours: describe(shared),
    ratio: shared.share,
    target: '≥ 0.95 of ceiling and 0 × 429',
    pass: shared.share >= 0.95 && shared.rateLimited === 0,
  });
  await limiterOverhead(redis.url);
} finally {
  await redis.stop();
}

async function runFleet(redisUrl) {
  const mock = await startMockServer({ rateLimits: { rpm: RPM, enforcement: 'per-second' } });
  try {
    const settings = {
      mockUrl: mock.url,
      rpm: RPM,
      count: PER_WORKER,
      concurrency: 8,
      prompts,
      ...(redisUrl ? { redisUrl } : {}),
    };
    await Promise.all(Array.from({ length: WORKERS }, () => run(worker, settings)));
    const log = mock.control.requests();
    const ok = log
      .filter((entry) => entry.status === 200)
      .map((entry) => entry.time)
      .sort((a, b) => a - b);
    const rateLimited = log.filter((entry) => entry.status === 429).length;
    const seconds = (ok.at(-1) - ok[0]) / 1000;
    const rate = (ok.length - 1) / seconds;
    return { share: rate / (RPM / 60), rateLimited };
  } finally {
    await mock.close();
  }
}

async function limiterOverhead(url) {
  const config = {
    limits: { requestsPerMinute: 1_000_000, tokensPerMinute: 100_000_000 },
    windowMs: 1_000,
    headroomMs: 0,
  };
  const stores = { memory: createMemoryRateLimitStore(), redis: createRedisRateLimitStore({ redis: url }) };
  const samples = { memory: [], redis: [] };
  for (let round = 0; round < 7; round++) {
    for (const name of round % 2 ? ['redis', 'memory'] : ['memory', 'redis']) {
      const times = [];
      for (let i = 0; i < 300; i++) {
        const started = performance.now();
        await stores[name].reserve('bench', { config, tokens: 100 });
        await stores[name].adjust('bench', { config, requests: 0, tokens: -20, answered: true, succeeded: true });
        times.push(performance.now() - started);
      }
      samples[name].push(median(times));
    }
  }
  await stores.redis.close();
  const redisP50 = median(samples.redis);
  const memoryP50 = median(samples.memory);
  reportRow({
    bench: 'redis',
    metric: 'limiter cost per call on Redis over loopback (reserve + settle), p50',
    baseline: `memory store ${(memoryP50 * 1000).toFixed(1)} µs`,
    ours: `${(redisP50 * 1000).toFixed(0)} µs`,
    ratio: redisP50 / memoryP50,
    target: 'p50 < 1 ms',
    pass: redisP50 < 1,
  });
}

function run(script, settings) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`))));
  });
}
