// Mock-server benchmark: non-streaming chat throughput and concurrent streams against the baselines of issue 3
// (>= 2,000 requests/s and 200 concurrent streams on a 2-core machine), plus an opt-in memory soak.
//   node bench/throughput.mjs                 short run (~30 s)
//   BENCH_SOAK=1 node bench/throughput.mjs    adds the 60-second soak (BENCH_SOAK_SECONDS to change)
// Needs the built dist (pnpm build). Loopback only; every load loop is bounded in time and count.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chatThroughput, concurrentStreams, median, percentile } from './load.mjs';

const BASELINE_RPS = 2_000;
const BASELINE_STREAMS = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 3_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 64);
const SOAK = process.env.BENCH_SOAK === '1' || process.argv.includes('--soak');
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const STREAM_LATENCY = { timeToFirstTokenMs: 50, interChunkMs: 10 };
// Streams go to a model with simulated latency (so 200 are really open at once); chat goes to one without.
const STREAM_MODEL = 'gpt-4o-streaming';
const SERVER_OPTIONS = { requestLogLimit: 1000, latency: { perModel: { [STREAM_MODEL]: STREAM_LATENCY } } };

function startServer() {
  const child = fork(
    fileURLToPath(new URL('./server-process.mjs', import.meta.url)),
    [JSON.stringify(SERVER_OPTIONS)],
    {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = (type) =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
    });
  return next('ready').then(({ origin }) => ({
    origin,
    stats: () => {
      const reply = next('stats');
      child.send('stats');
      return reply;
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('close');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  }));
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function soak(server, seconds) {
  console.log(
    `\nsoak: ${seconds} s of ${WORKERS} chat loops + waves of ${BASELINE_STREAMS} concurrent streams (server heap sampled after GC)`,
  );
  await server.stats();
  const samples = [];
  const deadline = performance.now() + seconds * 1000;
  const chat = chatThroughput(server.origin, { workers: WORKERS, ms: seconds * 1000 });
  const streams = (async () => {
    let waves = 0;
    let complete = 0;
    while (performance.now() < deadline - 2_000) {
      const result = await concurrentStreams(server.origin, { count: BASELINE_STREAMS, model: STREAM_MODEL });
      waves++;
      complete += result.complete;
    }
    return { waves, complete };
  })();
  const sampler = (async () => {
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const stats = await server.stats();
      samples.push(stats);
      console.log(
        `  t=${String(samples.length * 5).padStart(3)} s  heap ${mb(stats.heapUsed)}  rss ${mb(stats.rss)}  requests ${stats.requests}`,
      );
    }
  })();
  const [chatResult, streamResult] = await Promise.all([chat, streams, sampler]);
  const warm = samples[Math.min(1, samples.length - 1)];
  const last = samples.at(-1);
  const growth = last.heapUsed / warm.heapUsed;
  console.log(
    `  chat: ${fmt(chatResult.rps)} req/s during the soak (${chatResult.failed} failed); streams: ${streamResult.waves} waves, ${streamResult.complete} complete`,
  );
  console.log(
    `  heap after GC: ${mb(warm.heapUsed)} at 10 s -> ${mb(last.heapUsed)} at ${samples.length * 5} s (x${growth.toFixed(2)}; flat means < x1.20) ${growth < 1.2 ? 'FLAT' : 'GROWING'}`,
  );
  console.log(`  rss: ${mb(warm.rss)} -> ${mb(last.rss)}`);
}

const server = await startServer();
try {
  console.log(
    `mock-server bench: ${RUNS} runs of ${RUN_MS} ms, ${WORKERS} keep-alive workers, server in its own process`,
  );
  await chatThroughput(server.origin, { workers: WORKERS, ms: 1_000 });
  const rates = [];
  const p50s = [];
  const p99s = [];
  const busy = [];
  for (let run = 0; run < RUNS; run++) {
    const before = await server.stats();
    const wallStart = performance.now();
    const result = await chatThroughput(server.origin, { workers: WORKERS, ms: RUN_MS });
    const after = await server.stats();
    busy.push((after.cpuMs - before.cpuMs) / (performance.now() - wallStart));
    rates.push(result.rps);
    p50s.push(percentile(result.latencies, 50));
    p99s.push(percentile(result.latencies, 99));
    console.log(
      `  run ${run + 1}: ${fmt(result.rps)} req/s (${result.failed} failed), server busy ${fmt(busy.at(-1) * 100)}% of one core`,
    );
  }
  const rps = median(rates);
  console.log(
    `non-streaming chat: median ${fmt(rps)} req/s, p50 ${fmt(median(p50s), 1)} ms, p99 ${fmt(median(p99s), 1)} ms -> x${(rps / BASELINE_RPS).toFixed(2)} of the ${BASELINE_RPS} req/s baseline; server busy ${fmt(median(busy) * 100)}% of one core (the load generator shares the machine)`,
  );
  const perRequestUs = median(rates.map((rate, i) => (busy[i] * 1e6) / rate));
  console.log(
    `  server CPU per request: ${fmt(perRequestUs)} µs -> about ${fmt(1e6 / perRequestUs)} req/s per core before the server itself saturates`,
  );

  const peaks = [];
  const durations = [];
  const firsts = [];
  let allComplete = true;
  for (let run = 0; run < RUNS; run++) {
    const result = await concurrentStreams(server.origin, { count: BASELINE_STREAMS, model: STREAM_MODEL });
    peaks.push(result.peak);
    durations.push(result.durationMs);
    firsts.push(percentile(result.firstChunk, 99));
    allComplete &&= result.complete === BASELINE_STREAMS;
    console.log(
      `  run ${run + 1}: ${result.complete}/${BASELINE_STREAMS} streams complete, peak ${result.peak} streaming at once, all done in ${fmt(result.durationMs)} ms, first chunk p99 ${fmt(percentile(result.firstChunk, 99), 1)} ms`,
    );
  }
  const peak = median(peaks);
  console.log(
    `concurrent streams (ttft ${STREAM_LATENCY.timeToFirstTokenMs} ms, ${STREAM_LATENCY.interChunkMs} ms/chunk): median peak ${peak} streaming at once, ${allComplete ? 'all' : 'NOT all'} complete with [DONE], median wave ${fmt(median(durations))} ms, first chunk p99 ${fmt(median(firsts), 1)} ms -> x${(peak / BASELINE_STREAMS).toFixed(2)} of the ${BASELINE_STREAMS}-stream baseline`,
  );

  if (SOAK) await soak(server, SOAK_SECONDS);
  else console.log('\n(memory soak skipped: set BENCH_SOAK=1 for the 60-second run)');
} finally {
  await server.close();
}
