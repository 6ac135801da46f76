import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from '@internal/conformance';
import { ServerError } from '@switchboard/core';
import { OpenAI } from 'openai';
import { Stream } from 'openai/core/streaming';
import { chatEventsFromSse as sseToEvents } from '../dist/chat/chat-events-from-sse.js';
import { createOpenAIProvider } from '../dist/index.js';
import { median, printTable } from './stats.mjs';

/**
 * Stream parsing throughput on the recorded 303-chunk gpt-4.1-nano stream, replayed from memory one SSE event per
 * network chunk: Switchboard's parser (eventsource-parser + zod + mapping) against the SDK's own `Stream` iterator
 * (`Stream.fromSSEResponse`), and the whole `provider.streamChat` against the SDK's `chat.completions.create({ stream })`
 * over a custom fetch serving the same bytes. Chunks per second, median of several runs, measured in the same run.
 */

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

const memoryFetch = async () => replayResponse();
const provider = createOpenAIProvider({ apiKey: 'sk-bench', baseURL: 'http://127.0.0.1:9/v1', fetch: memoryFetch });
const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: 'http://127.0.0.1:9/v1', fetch: memoryFetch, maxRetries: 0 });
const request = { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Hello' }] };

const contenders = {
  'switchboard sseToEvents': async () => {
    let n = 0;
    for await (const event of sseToEvents(replayResponse().body, { provider: 'openai', mapErrorPayload })) {
      if (event.type === 'text-delta') n++;
    }
    return n;
  },
  'SDK Stream.fromSSEResponse': async () => {
    let n = 0;
    for await (const chunk of Stream.fromSSEResponse(replayResponse(), new AbortController())) {
      if (chunk.choices[0]?.delta?.content) n++;
    }
    return n;
  },
  'switchboard provider.streamChat': async () => {
    let n = 0;
    for await (const event of provider.streamChat(request)) if (event.type === 'text-delta') n++;
    return n;
  },
  'SDK chat.completions.create stream': async () => {
    let n = 0;
    const stream = await sdk.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) n++;
    return n;
  },
};

/** Chunks per second of one contender over `iterations` replays. */
async function measure(run, iterations) {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return (CHUNKS * iterations) / ((performance.now() - started) / 1_000);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60);
const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (const run of Object.values(contenders)) await measure(run, 10); // warm-up
for (let r = 0; r < RUNS; r++) {
  // Interleaved, so drift in machine load hits every contender alike.
  for (const [name, run] of Object.entries(contenders)) samples[name].push(await measure(run, ITERATIONS));
}

const rate = (name) => median(samples[name]);
/** Median over runs of the per-run ratio: each run's contenders ran back to back, so the pair shares its load. */
const pairedRatio = (ours, theirs) => median(samples[ours].map((value, run) => value / samples[theirs][run]));
console.log(
  `\nStream parsing throughput: ${CHUNKS}-chunk recorded stream from memory, ${RUNS} runs × ${ITERATIONS} replays (median chunks/s)`,
);
printTable(Object.keys(contenders).map((name) => [name, `${Math.round(rate(name)).toLocaleString('en-US')} chunks/s`]));
const parserRatio = pairedRatio('switchboard sseToEvents', 'SDK Stream.fromSSEResponse');
const pipelineRatio = pairedRatio('switchboard provider.streamChat', 'SDK chat.completions.create stream');
console.log(
  `parser ratio   (sseToEvents / SDK Stream iterator, median of per-run ratios): ${parserRatio.toFixed(2)}× (target ≥ 1.00×)`,
);
console.log(
  `pipeline ratio (provider.streamChat / SDK chat stream, median of per-run ratios): ${pipelineRatio.toFixed(2)}×`,
);
