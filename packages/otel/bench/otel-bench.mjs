/**
 * Overhead of `withTelemetry` on a real call: the same non-streaming chat over loopback to the mock server (in its own
 * process) without telemetry, with the no-op tracer and meter of a bare `@opentelemetry/api`, and with the SDK as a
 * Node service runs it: the AsyncLocalStorage context manager, a batch span processor with its default batch sizes
 * and an exporter, a periodic metric reader with its default interval. All three run in the same process, the
 * context manager's in it (as in a service that runs the SDK); the telemetry's cost is what the wrapper adds to it.
 *
 * The figure is the client process's CPU time per call (`process.cpuUsage()`, every thread: GC and the SDK's span
 * exports included), because on a shared machine wall-clock latency over loopback is mostly the other processes'
 * noise; the wall-clock ratio is printed beside it. The machine's speed drifts over seconds, so the variants alternate
 * in short windows (`WINDOW` calls each, in rotating order), and the windows add up to blocks; a block's ratio is the
 * variant's CPU over the bare call's CPU in that block, and each target is the median over blocks. Blocks are long
 * enough that garbage collection and the span processor's batch exports land in them; each block ends with a flush of
 * spans and metrics whose CPU time is charged to the recording variant.
 * Targets: no-op ≤ 1.02×, recording ≤ 1.05×.
 *
 * `BENCH_BLOCKS` (15), `BENCH_WINDOWS` (windows per variant and block, 4), `BENCH_WINDOW` (calls per window, 50).
 * `BENCH_VERBOSE=1` prints every block's figures. `BENCH_CONTROL=1` adds a second bare variant, whose ratio to the first shows the noise floor of the machine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { context, metrics, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
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

const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 15);
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 4);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 50);
const CONCURRENCY = 4;

const child = fork(fileURLToPath(new URL('./mock-process.mjs', import.meta.url)), { stdio: 'inherit' });
const { url } = await new Promise((resolve) => child.once('message', resolve));

const bare = createOpenAIProvider({ apiKey: 'sk-bench-otel-000000000000000000000000', baseURL: url });
const noop = withTelemetry(bare, { tracer: trace.getTracer('noop'), meter: metrics.getMeter('noop') });

// The SDK as a service runs it: default batch sizes and delay, the default metric interval (60 s).
const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spanExporter)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter });
const meterProvider = new MeterProvider({ readers: [reader] });
// A Node service that runs the SDK has its context manager registered and in use (its HTTP server instrumentation
// runs every request in a context), so on Node < 24 the AsyncLocalStorage promise hooks cost every promise of every
// call, with telemetry or without: that is the process all three variants run in.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// Each call runs in the context of the request the service is handling: a sampled parent from another process.
const requestContext = trace.setSpanContext(context.active(), {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});
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

const variants = {
  bare: { provider: bare },
  ...(process.env.BENCH_CONTROL ? { control: { provider: bare } } : {}),
  noop: { provider: noop },
  recording: { provider: recording },
};

/** One window: WINDOW calls at CONCURRENCY; adds its CPU µs and wall ms to `total`. */
async function measure({ provider }, total) {
  let next = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < WINDOW) await context.with(requestContext, () => provider.chat(request));
    }),
  );
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  total.cpu += cpu.user + cpu.system;
  total.wall += wall;
  total.calls += WINDOW;
}

/** Exports what the recording variant's block left in the span processor and the metric reader; returns CPU µs. */
async function flushRecording() {
  const cpuStart = process.cpuUsage();
  await tracerProvider.forceFlush();
  await reader.forceFlush();
  const cpu = process.cpuUsage(cpuStart);
  spanExporter.reset();
  metricExporter.reset();
  return cpu.user + cpu.system;
}

const names = Object.keys(variants);
const blocks = Object.fromEntries(names.map((name) => [name, []]));
let windowIndex = 0;
for (let block = -1; block < BLOCKS; block++) {
  const totals = Object.fromEntries(names.map((name) => [name, { cpu: 0, wall: 0, calls: 0 }]));
  for (let w = 0; w < WINDOWS; w++, windowIndex++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + windowIndex) % names.length];
      await measure(variants[name], totals[name]);
    }
  }
  totals.recording.cpu += await flushRecording();
  if (block < 0) continue; // the first block warms up
  for (const name of names) {
    const { cpu, wall, calls } = totals[name];
    blocks[name].push({ cpu: cpu / calls, wall: wall / calls });
  }
}

const perBlock = (name, key) => blocks[name].map((sample, i) => sample[key] / blocks.bare[i][key]);
const figure = (name, key) => median(blocks[name].map((sample) => sample[key]));
const calls = BLOCKS * WINDOWS * WINDOW;
if (blocks.control) {
  console.log(`noise floor: bare vs bare ${median(perBlock('control', 'cpu')).toFixed(3)}× CPU`);
}
let failed = false;
for (const [name, limit] of [
  ['noop', 1.02],
  ['recording', 1.05],
]) {
  const ratio = median(perBlock(name, 'cpu'));
  const pass = ratio <= limit;
  failed ||= !pass;
  reportRow({
    bench: 'otel',
    metric: `chat call with ${name === 'noop' ? 'the no-op' : 'a recording'} tracer vs no telemetry (client CPU/call)`,
    baseline: `${figure('bare', 'cpu').toFixed(1)} µs CPU/call`,
    ours: `${figure(name, 'cpu').toFixed(1)} µs CPU/call`,
    ratio,
    target: `≤ ${limit.toFixed(2)}×`,
    pass,
  });
  console.log(
    `      wall clock: ${median(perBlock(name, 'wall')).toFixed(3)}× (${figure(name, 'wall').toFixed(3)} vs ${figure('bare', 'wall').toFixed(3)} ms/call); ${BLOCKS} blocks, ${calls} calls per variant`,
  );
}
if (process.env.BENCH_VERBOSE) {
  for (const name of names)
    console.log(`${name}: ${blocks[name].map((block) => block.cpu.toFixed(0)).join(' ')} µs CPU/call by block`);
}
await tracerProvider.shutdown();
await meterProvider.shutdown();
child.send('close');
process.exitCode = failed ? 1 : 0;
