/**
 * Benchmarks of @switchboard/resilience against @switchboard/mock-server, all in one run and with the same limits:
 *
 * 1. Goodput of a 320-request workload under the server's RPM/TPM limits, in OpenAI mode (per-minute buckets refilled
 *    continuously) and Azure mode (the per-minute limit enforced over 10-second windows), done three ways:
 *    - withResilience + createRateLimiter (smoothing on in Azure mode);
 *    - the OpenAI cookbook's parallel processor (two buckets, estimates never reconciled, pause 15 s after any 429,
 *      up to 5 attempts per request), ported as is over the bare provider;
 *    - the naive way: the official SDK with its default retries (2) and unbounded concurrency.
 * 2. The per-call overhead of the whole stack against the bare provider, at the median.
 *
 * Run with `pnpm --filter @switchboard/resilience bench` (builds first) or `pnpm bench` at the root.
 */
import { fork } from 'node:child_process';
import { createOpenAIProvider } from '@switchboard/openai';
import OpenAI from 'openai';
import { createRateLimiter, estimateTokens, withResilience } from '../dist/index.js';

const REQUESTS = 320;
const MAX_OUTPUT = 40;
const MODEL = 'gpt-4o-mini';
const LATENCY = { timeToFirstTokenMs: 80, interChunkMs: 0 };
/** The cookbook's pause after a 429. Not scaled: the mock's limits run on real minutes and real 10-second windows. */
const COOKBOOK_PAUSE_MS = 15_000;
const MODES = {
  // TPM binds (75 tokens a request): about 266 requests fit at once, then 4.4 per second.
  openai: { mode: 'openai', rpm: 600, tpm: 20_000 },
  // TPM binds: about 266 requests per 10-second window, 26 per second on average.
  azure: { mode: 'azure', rpm: 2_000, tpm: 120_000 },
};

const requests = Array.from({ length: REQUESTS }, (_, i) => ({
  model: MODEL,
  maxOutputTokens: MAX_OUTPUT,
  seed: i,
  messages: [
    {
      role: 'user',
      content: `Request ${String(i).padStart(4, '0')}: describe in one sentence how an old telephone switchboard routed a call between two towns.`,
    },
  ],
}));

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

async function withResilienceRun(server, limits) {
  const bare = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
  const limiter = createRateLimiter({
    requestsPerMinute: limits.rpm,
    tokensPerMinute: limits.tpm,
    smoothing: limits.mode === 'azure' ? 'smooth' : 'none',
  });
  const provider = withResilience(bare, { rateLimiter: limiter, timeouts: { headersMs: 30_000 } });
  const results = await Promise.allSettled(requests.map((request) => provider.chat(request)));
  return { ok: results.filter((r) => r.status === 'fulfilled').length };
}

async function cookbookRun(server, limits) {
  const provider = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
  const queue = requests.map((request) => ({ request, attemptsLeft: 5 }));
  const retries = [];
  let requestCapacity = limits.rpm;
  let tokenCapacity = limits.tpm;
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
    requestCapacity = Math.min(limits.rpm, requestCapacity + (limits.rpm * elapsed) / 60_000);
    tokenCapacity = Math.min(limits.tpm, tokenCapacity + (limits.tpm * elapsed) / 60_000);
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

async function naiveRun(server) {
  const client = new OpenAI({ apiKey: freshKey(), baseURL: server.url });
  const results = await Promise.allSettled(
    requests.map((r) =>
      client.chat.completions.create({
        model: r.model,
        max_completion_tokens: r.maxOutputTokens,
        seed: r.seed,
        messages: r.messages,
      }),
    ),
  );
  return { ok: results.filter((r) => r.status === 'fulfilled').length };
}

/** Tokens the server charges one request of the workload: its prompt tokens plus the reserved output. */
async function chargePerRequest(server) {
  const probe = createOpenAIProvider({ apiKey: freshKey(), baseURL: server.url });
  const response = await probe.chat(requests[0]);
  return response.usage.inputTokens + MAX_OUTPUT;
}

async function goodput(limits) {
  const server = await startServerProcess({
    mode: limits.mode,
    rateLimits: { mode: limits.mode, rpm: limits.rpm, tpm: limits.tpm },
    latency: LATENCY,
    requestLogLimit: 20_000,
  });
  try {
    const charge = await chargePerRequest(server);
    const rows = [];
    for (const [name, run] of [
      ['withResilience + limiter', withResilienceRun],
      [`cookbook (${COOKBOOK_PAUSE_MS / 1000} s pause)`, cookbookRun],
      ['naive (SDK retries)', naiveRun],
    ]) {
      await server.control.reset();
      const started = performance.now();
      const { ok } = await run(server, limits);
      const wallMs = performance.now() - started;
      const log = await server.control.requests({ route: 'chat.completions' });
      const tooMany = log.filter((entry) => entry.status === 429).length;
      // OpenAI mode: a fresh bucket admits a full minute's limit at once plus the refill; Azure mode: the per-minute
      // rate (its 10-second windows allow no more than a sixth of it each).
      const minutes = wallMs / 60_000;
      const ceiling = (limit) => (limits.mode === 'openai' ? limit * (1 + minutes) : limit * minutes);
      const used = Math.max(ok / ceiling(limits.rpm), (ok * charge) / ceiling(limits.tpm));
      rows.push({ name, ok, failed: REQUESTS - ok, tooMany, http: log.length, wallMs, perMinute: ok / minutes, used });
    }
    return rows;
  } finally {
    await server.close();
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
  const request = requests[0];
  const bareMicros = await medianMicros(() => bare.chat(request));
  const stackMicros = await medianMicros(() => stack.chat(request));
  return { bareMicros, stackMicros };
}

function printGoodput(mode, limits, rows) {
  console.log(
    `\n${mode} mode: ${REQUESTS} chat requests, limits ${limits.rpm} RPM / ${limits.tpm} TPM, ${LATENCY.timeToFirstTokenMs} ms latency`,
  );
  console.log(
    `${'approach'.padEnd(28)}${'done'.padStart(8)}${'failed'.padStart(8)}${'429s'.padStart(7)}${'HTTP'.padStart(7)}${'wall s'.padStart(9)}${'req/min'.padStart(10)}${'% ceiling'.padStart(11)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(28)}${`${row.ok}/${REQUESTS}`.padStart(8)}${String(row.failed).padStart(8)}${String(row.tooMany).padStart(7)}${String(row.http).padStart(7)}${(row.wallMs / 1000).toFixed(1).padStart(9)}${row.perMinute.toFixed(0).padStart(10)}${`${(row.used * 100).toFixed(1)}%`.padStart(11)}`,
    );
  }
}

const benchStarted = performance.now();
console.log('@switchboard/resilience bench (one run, same mock server limits for every approach)');
console.log(
  '% ceiling: use of the binding limit over the wall time. OpenAI mode counts a fresh bucket (a minute’s limit at once, then the refill); Azure mode counts the per-minute rate.',
);
const openaiRows = await goodput(MODES.openai);
printGoodput('OpenAI', MODES.openai, openaiRows);
const azureRows = await goodput(MODES.azure);
printGoodput('Azure (10 s sub-windows)', MODES.azure, azureRows);

const { bareMicros, stackMicros } = await overhead();
console.log('\nper-call overhead, in-memory provider, median of 5 runs × 5 000 sequential calls');
console.log(`  bare provider   ${bareMicros.toFixed(1)} µs`);
console.log(`  whole stack     ${stackMicros.toFixed(1)} µs  (total timeout, retry, breaker, limiter, bulkhead)`);
console.log(`  overhead        ${((stackMicros - bareMicros) / 1000).toFixed(3)} ms  (target < 0.2 ms)`);

console.log('\nside by side (withResilience + limiter against each baseline, same run, same limits)');
for (const [mode, rows] of [
  ['OpenAI', openaiRows],
  ['Azure', azureRows],
]) {
  const [ours, cookbook, naive] = rows;
  for (const baseline of [cookbook, naive]) {
    console.log(
      `  ${mode.padEnd(6)} vs ${baseline.name.padEnd(24)} goodput ${(ours.perMinute / baseline.perMinute).toFixed(2)}×, 429s ${ours.tooMany} vs ${baseline.tooMany}, failed ${ours.failed} vs ${baseline.failed}`,
    );
  }
}
console.log(
  '  (a baseline above 100% in Azure mode burst into two partial 10-second windows: a short run can, a sustained one cannot, and it pays in 429s)',
);

const [ours] = openaiRows;
const [oursAzure] = azureRows;
console.log('\nchecks');
console.log(
  `  OpenAI mode: ${(ours.used * 100).toFixed(1)}% of the ceiling (≥ 95%), ${ours.tooMany} 429s (= 0): ${ours.used >= 0.95 && ours.tooMany === 0 ? 'met' : 'NOT met'}`,
);
console.log(
  `  Azure mode: ${(oursAzure.used * 100).toFixed(1)}% of the ceiling (≥ 90%), ${oursAzure.tooMany} 429s of ${oursAzure.http} (≤ 1%): ${oursAzure.used >= 0.9 && oursAzure.tooMany <= 0.01 * oursAzure.http ? 'met' : 'NOT met'}`,
);
console.log(`  per-call overhead < 0.2 ms: ${stackMicros - bareMicros < 200 ? 'met' : 'NOT met'}`);
console.log(`\ntotal bench time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
