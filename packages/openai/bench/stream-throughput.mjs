import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@internal/conformance';
import { ServerError } from '@switchboard/core';
import { OpenAI } from 'openai';
import { Stream } from 'openai/core/streaming';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { chatEventsFromSse as sseToEvents } from '../dist/chat/chat-events-from-sse.js';
import { createOpenAIProvider } from '../dist/index.js';
import { printTable } from './stats.mjs';

/**
 * Stream throughput, ours against the official SDK, every pair measured in the same run, interleaved (the order
 * alternates run by run), reported as the median of the per-run ratios:
 *
 * 1. Parser, from memory: the recorded 303-chunk gpt-4.1-nano stream (../shared/reference) replayed one SSE event per
 *    network chunk into Switchboard's parser (eventsource-parser + zod + mapping) and into the SDK's own `Stream`
 *    iterator (`Stream.fromSSEResponse`). The whole `provider.streamChat` against `chat.completions.create` on the
 *    same in-memory bytes is printed too, as information: at 303 chunks it is mostly per-call setup.
 * 2. Long streams over loopback: a server in its own process (sse-server.mjs) answers every request with the same
 *    recording's content chunks replayed many times (thousands of chunks per response); `provider.streamChat`
 *    (iterating events, assembling the text) against the SDK's `chat.completions.create({ stream: true })` iteration
 *    (assembling the text from `delta.content`), on the same server and keep-alive transport (global fetch). Chunks
 *    per second of wall clock is the target, and so are chunks per CPU second of this process (the client; the
 *    server has its own): on a loaded machine the client gets a fraction of a core and wall-clock rates measure the
 *    scheduler, which the printed busy share (CPU time / wall time) shows.
 *
 * BENCH_RUNS (default 7), BENCH_ITERATIONS (in-memory replays per run, default 60), BENCH_REPEAT (content replays
 * per long stream, default 20: about 6,000 chunks), BENCH_STREAMS (long streams per contender per run, default 4),
 * BENCH_PER_WRITE (SSE events per network write of the server, default 1).
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 4);
const PER_WRITE = Number(process.env.BENCH_PER_WRITE ?? 1);
const TARGET = 1.0;

const lines = readFileSync(join(referenceDir, 'fixtures/vercel-ai/openai_chat_openai-text.chunks.txt'), 'utf8')
  .split('\n')
  .filter(Boolean);
const encoder = new TextEncoder();
const events = [...lines.map((line) => encoder.encode(`data: ${line}\n\n`)), encoder.encode('data: [DONE]\n\n')];
const CHUNKS = lines.length;

function replayResponse() {
  let next = 0;
  const body = new ReadableStream({
    pull(controller) {
      const piece = events[next++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_bench' } });
}

const mapErrorPayload = () => new ServerError({ message: 'stream error', provider: 'openai' });
const request = { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Hello' }] };

/** Ours and the SDK's stream, each returning the assembled text. */
function pipelines(options) {
  const provider = createOpenAIProvider({ apiKey: 'sk-bench', ...options });
  const sdk = new OpenAI({ apiKey: 'sk-bench', maxRetries: 0, ...options });
  return {
    ours: async () => {
      let text = '';
      for await (const event of provider.streamChat(request)) if (event.type === 'text-delta') text += event.delta;
      return text;
    },
    sdk: async () => {
      let text = '';
      const stream = await sdk.chat.completions.create({
        ...request,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      return text;
    },
  };
}

/**
 * Runs each contender `iterations` times per run, RUNS runs, the order alternating, after a warm-up; returns per
 * contender the chunks/s and CPU µs per chunk of every run.
 */
async function interleaved(contenders, chunks, iterations, warmup) {
  const names = Object.keys(contenders);
  const texts = {};
  for (const name of names) for (let i = 0; i < warmup; i++) texts[name] = await contenders[name]();
  const samples = Object.fromEntries(names.map((name) => [name, { rate: [], cpu: [], busy: [] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const name of run % 2 ? [...names].reverse() : names) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < iterations; i++) await contenders[name]();
      const seconds = (performance.now() - started) / 1_000;
      const used = process.cpuUsage(cpu);
      samples[name].rate.push((chunks * iterations) / seconds);
      samples[name].cpu.push((used.user + used.system) / (chunks * iterations));
      samples[name].busy.push((used.user + used.system) / 1e6 / seconds);
    }
  }
  return { samples, texts };
}

/** Median over runs of ours / theirs: each run's pair ran back to back and shares its load. */
const pairedRatio = (ours, theirs) => median(ours.map((value, run) => value / theirs[run]));
const perSecond = (value) => `${Math.round(value).toLocaleString('en-US')} chunks/s`;

// 1. From memory.
const memoryFetch = async () => replayResponse();
const memory = pipelines({ baseURL: 'http://127.0.0.1:9/v1', fetch: memoryFetch });
const parser = {
  ours: async () => {
    let n = 0;
    for await (const event of sseToEvents(replayResponse().body, { provider: 'openai', mapErrorPayload })) {
      if (event.type === 'text-delta') n++;
    }
    return n;
  },
  sdk: async () => {
    let n = 0;
    for await (const chunk of Stream.fromSSEResponse(replayResponse(), new AbortController())) {
      if (chunk.choices[0]?.delta?.content) n++;
    }
    return n;
  },
};
const inMemory = await interleaved(
  {
    'switchboard sseToEvents': parser.ours,
    'SDK Stream.fromSSEResponse': parser.sdk,
    'switchboard provider.streamChat': memory.ours,
    'SDK chat.completions.create stream': memory.sdk,
  },
  CHUNKS,
  ITERATIONS,
  10,
);
console.log(
  `\nStream throughput from memory: ${CHUNKS}-chunk recorded stream, ${RUNS} interleaved runs × ${ITERATIONS} replays (median chunks/s)`,
);
printTable(Object.entries(inMemory.samples).map(([name, { rate }]) => [name, perSecond(median(rate))]));
const parserRatio = pairedRatio(
  inMemory.samples['switchboard sseToEvents'].rate,
  inMemory.samples['SDK Stream.fromSSEResponse'].rate,
);
const memoryPipelineRatio = pairedRatio(
  inMemory.samples['switchboard provider.streamChat'].rate,
  inMemory.samples['SDK chat.completions.create stream'].rate,
);
console.log(`whole pipeline from memory (info, mostly per-call setup): ${memoryPipelineRatio.toFixed(2)}× the SDK's`);
reportRow({
  bench: 'openai-stream',
  metric: `SSE parser chunks/s, ${CHUNKS}-chunk recording from memory (vs SDK Stream.fromSSEResponse)`,
  baseline: perSecond(median(inMemory.samples['SDK Stream.fromSSEResponse'].rate)),
  ours: perSecond(median(inMemory.samples['switchboard sseToEvents'].rate)),
  ratio: parserRatio,
  target: `≥ ${TARGET.toFixed(2)}×`,
  pass: parserRatio >= TARGET,
});

// 2. Long streams over loopback.
const server = fork(new URL('./sse-server.mjs', import.meta.url), [String(REPEAT), String(PER_WRITE)], {
  stdio: 'inherit',
});
try {
  const { url, chunks } = await new Promise((resolve, reject) => {
    server.once('message', resolve);
    server.once('error', reject);
  });
  const loopback = pipelines({ baseURL: url });
  const long = await interleaved(
    { 'switchboard provider.streamChat': loopback.ours, 'SDK chat.completions.create stream': loopback.sdk },
    chunks,
    STREAMS,
    2,
  );
  const ours = long.samples['switchboard provider.streamChat'];
  const sdk = long.samples['SDK chat.completions.create stream'];
  if (long.texts['switchboard provider.streamChat'] !== long.texts['SDK chat.completions.create stream']) {
    throw new Error('The two pipelines assembled different texts from the same stream.');
  }
  console.log(
    `\nLong streams over loopback: ${chunks.toLocaleString('en-US')} chunks per response (${PER_WRITE} event(s) per write), ` +
      `${RUNS} interleaved runs × ${STREAMS} streams per contender (medians)`,
  );
  printTable(
    Object.entries(long.samples).map(([name, { rate, cpu, busy }]) => [
      name,
      `${perSecond(median(rate))}, ${median(cpu).toFixed(2)} µs CPU/chunk, client busy ${(median(busy) * 100).toFixed(0)}% of a core`,
    ]),
  );
  const rateRatio = pairedRatio(ours.rate, sdk.rate);
  // Chunks per CPU second: the inverse of CPU per chunk, so higher is better like chunks/s.
  const cpuRatio = pairedRatio(sdk.cpu, ours.cpu);
  console.log(
    `per-run ratios, ours / SDK: chunks/s ${ours.rate.map((value, run) => (value / sdk.rate[run]).toFixed(2)).join(', ')}; ` +
      `chunks per CPU second ${ours.cpu.map((value, run) => (sdk.cpu[run] / value).toFixed(2)).join(', ')}`,
  );
  if (median([...ours.busy, ...sdk.busy]) < 0.8) {
    console.log('(the client got under 80% of a core: the machine is loaded, wall-clock rates are scheduler-bound)');
  }
  const streamMetric = `${chunks.toLocaleString('en-US')}-chunk streams over loopback, streamChat vs SDK chat.completions stream`;
  reportRow({
    bench: 'openai-stream',
    metric: `chunks/s, ${streamMetric}`,
    baseline: perSecond(median(sdk.rate)),
    ours: perSecond(median(ours.rate)),
    ratio: rateRatio,
    target: `≥ ${TARGET.toFixed(2)}×`,
    pass: rateRatio >= TARGET,
  });
  reportRow({
    bench: 'openai-stream',
    metric: `chunks per client CPU second, ${streamMetric}`,
    baseline: `${median(sdk.cpu).toFixed(2)} µs CPU/chunk`,
    ours: `${median(ours.cpu).toFixed(2)} µs CPU/chunk`,
    ratio: cpuRatio,
    target: `≥ ${TARGET.toFixed(2)}×`,
    pass: cpuRatio >= TARGET,
  });
  if (parserRatio < TARGET || rateRatio < TARGET || cpuRatio < TARGET) process.exitCode = 1;
} finally {
  server.send('close');
}
