/**
 * Overhead of `withTelemetry` on a real call: the same non-streaming chat over loopback to the mock server (in its own
 * process) without telemetry, with the no-op tracer and meter of a bare `@opentelemetry/api`, and with the SDK's
 * recording tracer and meter (batch span processor, in-memory exporters). Rounds interleave the three variants in
 * rotating order; each figure is the median of the rounds' per-call means. Targets: no-op < 2%, recording < 5%.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createOpenAIProvider } from '@switchboard/openai';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { withTelemetry } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const CONCURRENCY = 4;

const child = fork(fileURLToPath(new URL('./mock-process.mjs', import.meta.url)), { stdio: 'inherit' });
const { url } = await new Promise((resolve) => child.once('message', resolve));

const bare = createOpenAIProvider({ apiKey: 'sk-bench-otel-000000000000000000000000', baseURL: url });
const noop = withTelemetry(bare, { tracer: trace.getTracer('noop'), meter: metrics.getMeter('noop') });
const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(spanExporter, { maxQueueSize: 100_000, scheduledDelayMillis: 200 })],
});
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
  exportIntervalMillis: 1_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
const recording = withTelemetry(bare, {
  tracer: tracerProvider.getTracer('bench'),
  meter: meterProvider.getMeter('bench'),
  server: url,
});

const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Tell me about switchboards.' }],
  maxOutputTokens: 16,
  temperature: 0.3,
};

async function perCallMs(provider) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) await provider.chat(request);
    }),
  );
  return (performance.now() - started) / CALLS;
}

const variants = { bare, noop, recording };
const samples = { bare: [], noop: [], recording: [] };
for (const provider of Object.values(variants)) await perCallMs(provider); // warm-up
const names = Object.keys(variants);
for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) samples[name].push(await perCallMs(variants[name]));
  spanExporter.reset();
}

const base = median(samples.bare);
for (const [name, limit] of [
  ['noop', 1.02],
  ['recording', 1.05],
]) {
  const ours = median(samples[name]);
  reportRow({
    bench: 'otel',
    metric: `chat call with ${name === 'noop' ? 'the no-op' : 'a recording'} tracer vs no telemetry`,
    baseline: `${base.toFixed(3)} ms/call`,
    ours: `${ours.toFixed(3)} ms/call`,
    ratio: ours / base,
    target: `≤ ${limit.toFixed(2)}×`,
    pass: ours / base <= limit,
  });
}
await tracerProvider.shutdown();
await meterProvider.shutdown();
child.send('close');
