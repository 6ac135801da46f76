/**
 * Benchmarks of @switchboard/resilience against @switchboard/mock-server, all in one run:
 *
 * 1. The limiter's defaults against quantized enforcement (issue 15 item 3): steady-state goodput and 429 count of
 *    ≥ 400 requests of mixed prompt sizes over ≥ 3 enforcement windows, with the mock server enforcing
 *    - per-second quanta (fixed 1 s windows of ceil(limit/60), OpenAI's documented quantization),
 *    - Azure's 10-second windows,
 *    (whole-minute windows are not run: ≥ 3 of them take 3+ minutes per approach; the 10 s cell covers windows longer
 *    than a second, and the mock supports `enforcement: 'per-minute'` for a longer run);
 *    each done two ways in the same run: withResilience + createRateLimiter with default settings, and the OpenAI
 *    cookbook's parallel processor (two buckets, estimates never reconciled, 15 s pause after a 429, up to 5 attempts),
 *    ported as is. PASS needs 0 × 429 and ≥ 95% of the ceiling; FAIL is printed otherwise.
 * 2. The per-call overhead of the whole stack against the bare provider, at the median.
 *
 * Run with `pnpm --filter @switchboard/resilience bench` (builds first) or `pnpm bench` at the root.
 */
import { fork } from 'node:child_process';
import { createOpenAIProvider } from '@switchboard/openai';
import { createRateLimiter, createRouter, estimateTokens, withResilience } from '../dist/index.js';

const MAX_OUTPUT = 40;
const MODEL = 'gpt-4o-mini';
const LATENCY = { timeToFirstTokenMs: 40, interChunkMs: 0 };
/** The cookbook's pause after a 429. Not scaled: the mock's limits run on real seconds. */
const COOKBOOK_PAUSE_MS = 15_000;
/**
 * Each cell: the mock's enforcement, its limits (requests bind; TPM is high enough that the largest prompt is under
 * 1/34 of a second's token share), how many requests and the window the ceiling is counted over.
 */
const CELLS = [
  { name: 'per-second quanta', enforcement: 'per-second', rpm: 3_000, tpm: 3_000_000, requests: 400, windowMs: 1_000 },
  {
    name: '10 s windows (Azure)',
    enforcement: '10s-windows',
    rpm: 2_400,
    tpm: 3_000_000,
    requests: 1_700,
    windowMs: 10_000,
  },
];

/** Prompts of mixed sizes: 1 to 12 sentences (about 20 to 200 tokens). */
function makeRequests(count) {
  return Array.from({ length: count }, (_, i) => ({
    model: MODEL,
    maxOutputTokens: MAX_OUTPUT,
    seed: i,
    messages: [
      {
        role: 'user',
        content: `Request ${i}: ${'Describe how an old telephone switchboard routed a call between two towns. '.repeat(1 + ((i * 7919) % 12))}`,
      },
    ],
  }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Starts the mock server in a child process; `control` mirrors the parts of its control API the bench uses. */
async function startServerProcess(options) {
  const child = fork(new URL('./mock-process.mjs', import.meta.url), [JSON.stringify(options)], { stdio: 'inherit' });
  const pending = new Map();
  let nextId = 0;
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message) => {
      if (message.ready) resolve(message.url);
      else pending.get(message.id)?.(message.result);
    });
  });
  const call = (command, extra = {}) =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ id, command, ...extra });
    });
  return {
    url,
    control: { reset: () => call('reset'), requests: (filter) => call('requests', { filter }) },
    close: async () => {
      await call('close');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    },
  };
}

let keySeq = 0;
const freshKey = () => `sk-bench-${process.pid}-${++keySeq}`;

/** withResilience + createRateLimiter with nothing but the limits set: the defaults under test. */
async function withResilienceRun(server, cell, requests) {
  const bare = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
  const limiter = createRateLimiter({ requestsPerMinute: cell.rpm, tokensPerMinute: cell.tpm });
  const provider = withResilience(bare, { rateLimiter: limiter, timeouts: { headersMs: 30_000 } });
  const results = await Promise.allSettled(requests.map((request) => provider.chat(request)));
  return { ok: results.filter((r) => r.status === 'fulfilled').length, errors: errorSummary(results) };
}

/** Failures by code (and timeout phase), e.g. `timeout/headers × 3`, so a FAIL says what went wrong. */
function errorSummary(results) {
  const counts = new Map();
  for (const result of results) {
    if (result.status !== 'rejected') continue;
    const error = result.reason;
    const name = `${error?.code ?? error?.name ?? 'unknown'}${error?.phase ? `/${error.phase}` : ''}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${name} × ${count}`).join(', ');
}

async function cookbookRun(server, cell, requests) {
  const provider = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
  const queue = requests.map((request) => ({ request, attemptsLeft: 5 }));
  const retries = [];
  let requestCapacity = cell.rpm;
  let tokenCapacity = cell.tpm;
  let lastUpdate = performance.now();
  let lastRateLimitError = Number.NEGATIVE_INFINITY;
  let pending = queue.length;
  let ok = 0;
  let next;
  const finish = () => {
    pending -= 1;
  };
  while (pending > 0) {
    next ??= retries.shift() ?? queue.shift();
    const now = performance.now();
    const elapsed = now - lastUpdate;
    requestCapacity = Math.min(cell.rpm, requestCapacity + (cell.rpm * elapsed) / 60_000);
    tokenCapacity = Math.min(cell.tpm, tokenCapacity + (cell.tpm * elapsed) / 60_000);
    lastUpdate = now;
    if (next) {
      const cost = estimateTokens(next.request);
      if (requestCapacity >= 1 && tokenCapacity >= cost) {
        requestCapacity -= 1;
        tokenCapacity -= cost;
        next.attemptsLeft -= 1;
        const job = next;
        next = undefined;
        provider.chat(job.request).then(
          () => {
            ok += 1;
            finish();
          },
          (error) => {
            if (error.code === 'rate-limit') lastRateLimitError = performance.now();
            if (job.attemptsLeft > 0) retries.push(job);
            else finish();
          },
        );
      }
    }
    await sleep(1);
    const sinceRateLimit = performance.now() - lastRateLimitError;
    if (sinceRateLimit < COOKBOOK_PAUSE_MS) await sleep(COOKBOOK_PAUSE_MS - sinceRateLimit);
  }
  return { ok };
}

/**
 * Steady-state goodput of one approach: successes per minute between the first and the last success, against the
 * per-minute limit (requests bind in every cell). The first window is left out of the count (its burst is not steady
 * state), and the run must span at least three more windows.
 */
function steadyState(log, cell) {
  const done = log
    .filter((entry) => entry.status === 200)
    .map((entry) => entry.time)
    .sort((a, b) => a - b);
  const first = done[0] ?? 0;
  const from = first + cell.windowMs;
  const steady = done.filter((t) => t >= from);
  const spanMs = (steady.at(-1) ?? from) - from;
  // n successes spaced over spanMs: n − 1 intervals.
  const perMinute = spanMs > 0 ? ((steady.length - 1) * 60_000) / spanMs : 0;
  return { perMinute, used: perMinute / cell.rpm, windows: spanMs / cell.windowMs };
}

async function goodput(cell) {
  const requests = makeRequests(cell.requests);
  const server = await startServerProcess({
    rateLimits: { rpm: cell.rpm, tpm: cell.tpm, enforcement: cell.enforcement },
    latency: LATENCY,
    requestLogLimit: 50_000,
  });
  try {
    const rows = [];
    for (const [name, run] of [
      ['withResilience (defaults)', withResilienceRun],
      [`cookbook (${COOKBOOK_PAUSE_MS / 1000} s pause)`, cookbookRun],
    ]) {
      await server.control.reset();
      const started = performance.now();
      const { ok, errors } = await run(server, cell, requests);
      if (errors) console.log(`  (${name}: failures ${errors})`);
      const wallMs = performance.now() - started;
      const log = await server.control.requests({ route: 'chat.completions' });
      const tooMany = log.filter((entry) => entry.status === 429).length;
      rows.push({ name, ok, failed: cell.requests - ok, tooMany, http: log.length, wallMs, ...steadyState(log, cell) });
    }
    return rows;
  } finally {
    await server.close();
  }
}

const ROUTER_RPMS = [2_400, 3_600, 4_800];
const ROUTER_REQUESTS = 1_500;

/** createRouter over three mock servers (three deployments) of different limits, each target with its own limiter. */
async function routerRun() {
  const servers = [];
  for (const rpm of ROUTER_RPMS) {
    servers.push(
      await startServerProcess({
        rateLimits: { rpm, tpm: 30_000_000, enforcement: 'per-second' },
        latency: LATENCY,
        requestLogLimit: 50_000,
      }),
    );
  }
  try {
    const targets = servers.map((server, i) => {
      const limiter = createRateLimiter({ requestsPerMinute: ROUTER_RPMS[i] });
      const bare = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
      return { provider: withResilience(bare, { rateLimiter: limiter, timeouts: { headersMs: 30_000 } }), limiter };
    });
    const router = createRouter(targets);
    const results = await Promise.allSettled(makeRequests(ROUTER_REQUESTS).map((request) => router.chat(request)));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const errors = errorSummary(results);
    if (errors) console.log(`  (router: failures ${errors})`);
    const logs = await Promise.all(servers.map((server) => server.control.requests({ route: 'chat.completions' })));
    const all = logs.flat();
    const ceiling = ROUTER_RPMS.reduce((a, b) => a + b, 0);
    const steady = steadyState(all, { rpm: ceiling, windowMs: 1_000 });
    return {
      ok,
      tooMany: all.filter((entry) => entry.status === 429).length,
      split: logs.map((log) => log.filter((entry) => entry.status === 200).length),
      ceiling,
      ...steady,
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** Median per-call time of `call`, in microseconds, over `runs` runs of `calls` sequential calls. */
async function medianMicros(call, { runs = 5, calls = 5_000, warmup = 2_000 } = {}) {
  for (let i = 0; i < warmup; i++) await call();
  const medians = [];
  for (let run = 0; run < runs; run++) {
    const samples = new Float64Array(calls);
    for (let i = 0; i < calls; i++) {
      const start = process.hrtime.bigint();
      await call();
      samples[i] = Number(process.hrtime.bigint() - start) / 1_000;
    }
    samples.sort();
    medians.push(samples[calls >> 1]);
  }
  medians.sort((a, b) => a - b);
  return medians[medians.length >> 1];
}

async function overhead() {
  const response = {
    id: 'x',
    model: MODEL,
    text: 'ok',
    toolCalls: [],
    refusal: null,
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 30, outputTokens: 5, totalTokens: 35 },
    rateLimit: { remainingRequests: 1_000_000, remainingTokens: 1_000_000_000 },
  };
  const bare = { name: 'memory', chat: async () => response, streamChat: () => undefined };
  const stack = withResilience(bare, {
    retry: {},
    circuitBreaker: { consecutiveFailures: 5 },
    rateLimiter: createRateLimiter({ requestsPerMinute: 1e9, tokensPerMinute: 1e12 }),
    bulkhead: { maxConcurrent: 1_000, maxQueue: 1_000 },
    timeouts: { totalMs: 60_000, headersMs: 30_000 },
  });
  const request = makeRequests(1)[0];
  const bareMicros = await medianMicros(() => bare.chat(request));
  const stackMicros = await medianMicros(() => stack.chat(request));
  return { bareMicros, stackMicros };
}

function printGoodput(cell, rows) {
  console.log(
    `\n${cell.name}: ${cell.requests} chat requests of mixed prompt sizes, ${cell.rpm} RPM / ${cell.tpm} TPM enforced as ${cell.enforcement}, ${LATENCY.timeToFirstTokenMs} ms latency`,
  );
  console.log(
    `${'approach'.padEnd(28)}${'done'.padStart(11)}${'429s'.padStart(7)}${'HTTP'.padStart(7)}${'wall s'.padStart(9)}${'windows'.padStart(9)}${'req/min'.padStart(10)}${'% ceiling'.padStart(11)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(28)}${`${row.ok}/${cell.requests}`.padStart(11)}${String(row.tooMany).padStart(7)}${String(row.http).padStart(7)}${(row.wallMs / 1000).toFixed(1).padStart(9)}${row.windows.toFixed(1).padStart(9)}${row.perMinute.toFixed(0).padStart(10)}${`${(row.used * 100).toFixed(1)}%`.padStart(11)}`,
    );
  }
}

const benchStarted = performance.now();
console.log('@switchboard/resilience bench (one run; every approach against the same mock server limits)');
console.log(
  '% ceiling: steady-state successes per minute (after the first window, over ≥ 3 more) / the per-minute limit.',
);
const checks = [];
for (const cell of CELLS) {
  const rows = await goodput(cell);
  printGoodput(cell, rows);
  const [ours, cookbook] = rows;
  const pass = ours.tooMany === 0 && ours.used >= 0.95 && ours.windows >= 3 && ours.failed === 0;
  checks.push(
    `  ${pass ? 'PASS' : 'FAIL'} ${cell.name}: ${(ours.used * 100).toFixed(1)}% of the ceiling (≥ 95%), ${ours.tooMany} × 429 (= 0), ${ours.windows.toFixed(1)} windows (≥ 3); cookbook ${(cookbook.used * 100).toFixed(1)}%, ${cookbook.tooMany} × 429`,
  );
}
console.log(
  '\nper-minute windows: not run (≥ 3 whole-minute windows take 3+ minutes per approach); the 10 s cell covers windows longer than a second.',
);

const router = await routerRun();
console.log(
  `\nrouter (least-busy) over three deployments enforcing per-second quanta at ${ROUTER_RPMS.join(' / ')} RPM: ${router.ok}/${ROUTER_REQUESTS} done, ${router.tooMany} × 429, ${router.windows.toFixed(1)} windows, ${router.perMinute.toFixed(0)} req/min of ${router.ceiling} = ${(router.used * 100).toFixed(1)}% of the sum of ceilings (split ${router.split.join(' / ')})`,
);
checks.push(
  `  ${router.used >= 0.95 && router.tooMany === 0 && router.ok === ROUTER_REQUESTS ? 'PASS' : 'FAIL'} router: ${(router.used * 100).toFixed(1)}% of the sum of ceilings (≥ 95%), ${router.tooMany} × 429 (= 0)`,
);

const { bareMicros, stackMicros } = await overhead();
console.log('\nper-call overhead, in-memory provider, median of 5 runs × 5 000 sequential calls');
console.log(`  bare provider   ${bareMicros.toFixed(1)} µs`);
console.log(`  whole stack     ${stackMicros.toFixed(1)} µs  (total timeout, retry, breaker, limiter, bulkhead)`);
checks.push(
  `  ${stackMicros - bareMicros < 200 ? 'PASS' : 'FAIL'} per-call overhead ${((stackMicros - bareMicros) / 1000).toFixed(3)} ms (< 0.2 ms)`,
);
console.log('\nchecks');
for (const line of checks) console.log(line);
console.log(`\ntotal bench time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
if (checks.some((line) => line.includes('FAIL'))) process.exitCode = 1;
