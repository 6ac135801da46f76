/**
 * Overhead of `withTelemetry` on a real call: the same non-streaming chat over loopback to the mock server (in its own
 * process) without telemetry, with the no-op tracer and meter of a bare `@opentelemetry/api`, and with the SDK as a
 * Node service runs it: the AsyncLocalStorage context manager, a batch span processor with its default batch sizes
 * and an exporter, a periodic metric reader with its default interval. A fourth variant is the same call instrumented
 * by hand, as a competent user would without `withTelemetry` (`startActiveSpan` around the call, the same attributes
 * and metric records, on an SDK set up the same way): its cost over the bare call is what the SDK and the context
 * manager cost on this call whoever instruments it, and `withTelemetry` over it is the wrapper's own cost. All run in
 * the same process, the context manager's in it (as in a service that runs the SDK).
 *
 * The figure is the client process's CPU time per call (`process.cpuUsage()`, every thread: GC, V8's compiler
 * threads and the SDK's span exports included), because on a shared machine wall-clock latency over loopback is mostly
 * the other processes' noise; the wall-clock ratio is printed beside it. The machine's speed drifts over seconds, so
 * the variants alternate in short windows (`WINDOW` calls each, in rotating order), and the windows add up to blocks;
 * a block's ratio is the variant's CPU over the bare call's CPU (or the hand-written variant's) in that block, and each
 * target is the median over blocks. Blocks are long enough that garbage collection and the span processor's batch
 * exports land in them; each block ends with a flush of spans and metrics whose CPU time is charged to the variant
 * that made them.
 *
 * The first blocks warm up and are not counted: V8 keeps optimizing the call path (undici, web streams, the SDK) for
 * the first couple of thousand calls of each variant (`node --trace-opt`: about 370, 300, 170, 90, 60, 35, 30, 25, 20,
 * 10 functions optimized in the first ten blocks, a handful after), and a recording call has more code to optimize;
 * that one-off cost is not a per-call overhead of a running service, so it is printed apart (warm-up ratio).
 * Targets: no-op ≤ 1.02×, recording ≤ 1.05× (both against no telemetry), `withTelemetry` ≤ 1.05× the hand-written
 * instrumentation.
 *
 * `BENCH_BLOCKS` (15), `BENCH_WARMUP_BLOCKS` (8), `BENCH_WINDOWS` (windows per variant and block, 4), `BENCH_WINDOW`
 * (calls per window, 50). `BENCH_VERBOSE=1` prints every block's figures. `BENCH_CONTROL=1` adds a second bare
 * variant, whose ratio to the first shows the noise floor of the machine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { context, metrics, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { calculateCost } from '@switchboard/core';
import { createOpenAIProvider } from '@switchboard/openai';
import { median, reportRow } from '../../../scripts/bench-report.mjs';
import { withTelemetry } from '../dist/index.js';

const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 15);
const WARMUP_BLOCKS = Number(process.env.BENCH_WARMUP_BLOCKS ?? 8);
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 4);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 50);
const CONCURRENCY = 4;

const child = fork(fileURLToPath(new URL('./mock-process.mjs', import.meta.url)), { stdio: 'inherit' });
const { url } = await new Promise((resolve) => child.once('message', resolve));

const bare = createOpenAIProvider({ apiKey: 'sk-bench-otel-000000000000000000000000', baseURL: url });
const noop = withTelemetry(bare, { tracer: trace.getTracer('noop'), meter: metrics.getMeter('noop') });

/** The SDK as a service runs it: default batch sizes and delay, the default metric interval (60 s). */
function sdk(name) {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracer: tracerProvider.getTracer(name),
    meter: meterProvider.getMeter(name),
    /** Exports what a block left in the span processor and the metric reader; returns CPU µs. */
    async flush() {
      const cpuStart = process.cpuUsage();
      await tracerProvider.forceFlush();
      await reader.forceFlush();
      const cpu = process.cpuUsage(cpuStart);
      spanExporter.reset();
      metricExporter.reset();
      return cpu.user + cpu.system;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
const recordingSdk = sdk('bench');
const handSdk = sdk('hand');
// A Node service that runs the SDK has its context manager registered and in use (its HTTP server instrumentation
// runs every request in a context), so on Node < 24 the AsyncLocalStorage promise hooks cost every promise of every
// call, with telemetry or without: that is the process all variants run in.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// Each call runs in the context of the request the service is handling: a sampled parent from another process.
const requestContext = trace.setSpanContext(context.active(), {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});
const recording = withTelemetry(bare, { tracer: recordingSdk.tracer, meter: recordingSdk.meter, server: url });
const hand = handInstrumented(bare, handSdk, url);

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
  recording: { provider: recording, sdk: recordingSdk },
  hand: { provider: hand, sdk: handSdk },
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

/**
 * What a competent user writes instead of `withTelemetry`: `startActiveSpan` around the call, the same span name,
 * kind and attributes (cost included), the same three metric records, their attribute sets built once where they can
 * be. Its cost over the bare call is what the SDK and the context manager cost on this call, whoever instruments it.
 */
function handInstrumented(provider, { tracer, meter }, serverUrl) {
  // The conventions' advised bucket boundaries, as withTelemetry's.
  const duration = meter.createHistogram('gen_ai.client.operation.duration', {
    unit: 's',
    advice: {
      explicitBucketBoundaries: [
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
      ],
    },
  });
  const tokenUsage = meter.createHistogram('gen_ai.client.token.usage', {
    unit: '{token}',
    advice: {
      explicitBucketBoundaries: [
        1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
      ],
    },
  });
  const { hostname, port } = new URL(serverUrl);
  const server = { 'server.address': hostname, 'server.port': Number(port) };
  return {
    name: provider.name,
    chat(req, options) {
      const started = performance.now();
      const base = {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': req.model,
        ...server,
      };
      const attributes = { ...base, 'gen_ai.output.type': 'text' };
      if (req.temperature !== undefined) attributes['gen_ai.request.temperature'] = req.temperature;
      if (req.maxOutputTokens !== undefined) attributes['gen_ai.request.max_tokens'] = req.maxOutputTokens;
      return tracer.startActiveSpan(`chat ${req.model}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
          const res = await provider.chat(req, options);
          span.setAttributes({
            'gen_ai.response.id': res.id,
            'gen_ai.response.model': res.model,
            'gen_ai.response.finish_reasons': [res.finishReason === 'tool-calls' ? 'tool_calls' : res.finishReason],
            'switchboard.request_id': res.requestId,
            'gen_ai.usage.input_tokens': res.usage.inputTokens,
            'gen_ai.usage.output_tokens': res.usage.outputTokens,
          });
          const cost = calculateCost(req.model, res.usage);
          if (cost.priced) span.setAttribute('switchboard.cost.usd', cost.totalUsd);
          const done = { ...base, 'gen_ai.response.model': res.model };
          duration.record((performance.now() - started) / 1000, done);
          tokenUsage.record(res.usage.inputTokens, { ...done, 'gen_ai.token.type': 'input' });
          tokenUsage.record(res.usage.outputTokens, { ...done, 'gen_ai.token.type': 'output' });
          return res;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
          duration.record((performance.now() - started) / 1000, { ...base, 'error.type': error.name });
          throw error;
        } finally {
          span.end();
        }
      });
    },
  };
}

const names = Object.keys(variants);
const blocks = Object.fromEntries(names.map((name) => [name, []]));
const warmup = Object.fromEntries(names.map((name) => [name, []]));
let windowIndex = 0;
for (let block = -WARMUP_BLOCKS; block < BLOCKS; block++) {
  const totals = Object.fromEntries(names.map((name) => [name, { cpu: 0, wall: 0, calls: 0 }]));
  for (let w = 0; w < WINDOWS; w++, windowIndex++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + windowIndex) % names.length];
      await measure(variants[name], totals[name]);
    }
  }
  for (const name of names) if (variants[name].sdk) totals[name].cpu += await variants[name].sdk.flush();
  for (const name of names) {
    const { cpu, wall, calls } = totals[name];
    (block < 0 ? warmup : blocks)[name].push({ cpu: cpu / calls, wall: wall / calls });
  }
}

/** The per-block ratios of `name` to `base` on `key` (`cpu` or `wall`). */
const perBlock = (name, key, base = 'bare', from = blocks) =>
  from[name].map((sample, i) => sample[key] / from[base][i][key]);
const figure = (name, key) => median(blocks[name].map((sample) => sample[key]));
const µs = (name) => `${figure(name, 'cpu').toFixed(1)} µs CPU/call`;
const calls = BLOCKS * WINDOWS * WINDOW;
if (blocks.control) {
  console.log(`noise floor: bare vs bare ${median(perBlock('control', 'cpu')).toFixed(3)}× CPU`);
}
let failed = false;
for (const [name, base, limit, metric] of [
  ['noop', 'bare', 1.02, 'chat call with the no-op tracer vs no telemetry (client CPU/call)'],
  ['recording', 'bare', 1.05, 'chat call with a recording tracer vs no telemetry (client CPU/call)'],
  [
    'recording',
    'hand',
    1.05,
    'withTelemetry vs the same span and metrics written by hand, recording (client CPU/call)',
  ],
]) {
  const ratio = median(perBlock(name, 'cpu', base));
  const pass = ratio <= limit;
  failed ||= !pass;
  reportRow({
    bench: 'otel',
    metric,
    baseline: µs(base),
    ours: µs(name),
    ratio,
    target: `≤ ${limit.toFixed(2)}×`,
    pass,
  });
  console.log(
    `      wall clock: ${median(perBlock(name, 'wall', base)).toFixed(3)}× (${figure(name, 'wall').toFixed(3)} vs ${figure(base, 'wall').toFixed(3)} ms/call); ${BLOCKS} blocks, ${calls} calls per variant`,
  );
}
console.log(
  `      the SDK's own cost on this call, instrumented by hand (startActiveSpan, same attributes and metrics) vs no telemetry: ${median(perBlock('hand', 'cpu')).toFixed(3)}× CPU (${µs('hand')} vs ${µs('bare')}), wall ${median(perBlock('hand', 'wall')).toFixed(3)}×`,
);
if (WARMUP_BLOCKS > 0) {
  const during = (name) => median(perBlock(name, 'cpu', 'bare', warmup)).toFixed(3);
  console.log(
    `      warm-up (${WARMUP_BLOCKS} blocks, not counted): no-op ${during('noop')}×, recording ${during('recording')}×, by hand ${during('hand')}× CPU vs no telemetry`,
  );
}
if (process.env.BENCH_VERBOSE) {
  for (const name of names) {
    const cpu = (list) => list.map((block) => block.cpu.toFixed(0)).join(' ');
    console.log(`${name}: ${cpu(warmup[name])} | ${cpu(blocks[name])} µs CPU/call by block (warm-up | counted)`);
  }
}
await recordingSdk.shutdown();
await handSdk.shutdown();
child.send('close');
process.exitCode = failed ? 1 : 0;
