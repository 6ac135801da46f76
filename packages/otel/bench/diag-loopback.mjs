/**
 * Diagnostic, not a target (`node bench/diag-loopback.mjs`): CPU µs per call of variants of otel-bench.mjs's loopback
 * call, in interleaved windows of `WINDOW` calls, median over `ROUNDS` after `WARM` rounds of warm-up. Variants: no
 * telemetry, the no-op tracer, the recording setup (also without `server`, without a meter, without a span
 * processor), the same call instrumented by hand with `startActiveSpan` (`hand`; `handTimed` also times its
 * synchronous SDK work in place with `performance.now()`), and a span started but not made active (`handInactive`).
 * `ONLY=a,b` picks variants (`ONLY=recording` alone, for `--cpu-prof` or valgrind); `PROFILE=<dir>` writes a CPU
 * profile of the rounds after warm-up only; `MARK=1` prints each round's number (to align `--trace-opt` output);
 * `MOCK_URL` uses a mock server already running (so valgrind or perf measure the client process alone).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { context, metrics, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createOpenAIProvider } from '@switchboard/openai';
import { withTelemetry } from '../dist/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WINDOW = Number(process.env.WINDOW ?? 100);
const CONCURRENCY = 4;
const child = process.env.MOCK_URL
  ? undefined
  : fork(fileURLToPath(new URL('./mock-process.mjs', import.meta.url)), { stdio: 'inherit' });
const url = process.env.MOCK_URL ?? (await new Promise((resolve) => child.once('message', resolve))).url;

if (!process.env.NO_ALS) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const requestContext = trace.setSpanContext(context.active(), {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});
const bare = createOpenAIProvider({ apiKey: 'sk-bench-otel-000000000000000000000000', baseURL: url });
const spanExporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spanExporter)] });
const emptyTracerProvider = new BasicTracerProvider({ spanProcessors: [] });
const reader = new PeriodicExportingMetricReader({
  exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
});
const meterProvider = new MeterProvider({ readers: [reader] });
const tracer = tracerProvider.getTracer('bench');
const meter = meterProvider.getMeter('bench');
const noopMeter = metrics.getMeter('noop');

const duration = meter.createHistogram('hand.duration');
const tokens = meter.createHistogram('hand.tokens');
const base = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'server.address': '127.0.0.1',
  'server.port': Number(new URL(url).port),
};
const done = { ...base, 'gen_ai.response.model': 'gpt-4o-mini' };
const inp = { ...done, 'gen_ai.token.type': 'input' };
const outp = { ...done, 'gen_ai.token.type': 'output' };
/** A competent hand-written instrumentation of the same call. */
const hand = {
  name: 'openai',
  chat(req, o) {
    const t0 = performance.now();
    return tracer.startActiveSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, attributes: base }, async (span) => {
      span.setAttribute('gen_ai.output.type', 'text');
      span.setAttribute('gen_ai.request.temperature', req.temperature);
      span.setAttribute('gen_ai.request.max_tokens', req.maxOutputTokens);
      const r = await bare.chat(req, o);
      span.setAttribute('gen_ai.response.id', r.id);
      span.setAttribute('gen_ai.response.model', r.model);
      span.setAttribute('gen_ai.response.finish_reasons', ['stop']);
      span.setAttribute('gen_ai.usage.input_tokens', r.usage.inputTokens);
      span.setAttribute('gen_ai.usage.output_tokens', r.usage.outputTokens);
      duration.record((performance.now() - t0) / 1000, done);
      tokens.record(r.usage.inputTokens, inp);
      tokens.record(r.usage.outputTokens, outp);
      span.end();
      return r;
    });
  },
};
/** `hand`, timing its synchronous SDK work in place (performance.now around it) into `into`. */
const timed = (provider, into) => ({
  name: 'openai',
  chat(req, o) {
    const t0 = performance.now();
    const span = tracer.startSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, attributes: base });
    span.setAttribute('gen_ai.output.type', 'text');
    span.setAttribute('gen_ai.request.temperature', req.temperature);
    span.setAttribute('gen_ai.request.max_tokens', req.maxOutputTokens);
    const ctx = trace.setSpan(context.active(), span);
    const startCost = performance.now() - t0;
    return context.with(ctx, async () => {
      const r = await provider.chat(req, o);
      const t1 = performance.now();
      span.setAttribute('gen_ai.response.id', r.id);
      span.setAttribute('gen_ai.response.model', r.model);
      span.setAttribute('gen_ai.response.finish_reasons', ['stop']);
      span.setAttribute('gen_ai.usage.input_tokens', r.usage.inputTokens);
      span.setAttribute('gen_ai.usage.output_tokens', r.usage.outputTokens);
      duration.record((performance.now() - t0) / 1000, done);
      tokens.record(r.usage.inputTokens, inp);
      tokens.record(r.usage.outputTokens, outp);
      span.end();
      into.push(1000 * (startCost + performance.now() - t1));
      return r;
    });
  },
});
const inSitu = [];
const handTimed = timed(bare, inSitu);
/** The same SDK work around a provider that answers at once: the same code, hot in a tight loop. */
let answer;
const inLoop = [];
const loopTimed = timed({ name: 'openai', chat: async () => answer }, inLoop);

/** The same, with the span started but not made active. */
const handInactive = {
  name: 'openai',
  async chat(req, o) {
    const span = tracer.startSpan('chat gpt-4o-mini', { kind: SpanKind.CLIENT, attributes: base });
    const r = await bare.chat(req, o);
    span.setAttribute('gen_ai.response.id', r.id);
    span.end();
    return r;
  },
};

const all = {
  bare,
  noop: withTelemetry(bare, { tracer: trace.getTracer('noop'), meter: noopMeter }),
  recording: withTelemetry(bare, { tracer, meter, server: url }),
  recNoServer: withTelemetry(bare, { tracer, meter }),
  recNoMeter: withTelemetry(bare, { tracer, meter: noopMeter }),
  recNoProcessor: withTelemetry(bare, { tracer: emptyTracerProvider.getTracer('x'), meter: noopMeter }),
  hand,
  handTimed,
  activateOnly: {
    name: 'openai',
    chat: (req, o) =>
      context.with(trace.setSpan(context.active(), trace.wrapSpanContext(trace.getSpanContext(context.active()))), () =>
        bare.chat(req, o),
      ),
  },
  handInactive,
};
const names = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(all);
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Tell me about switchboards.' }],
  maxOutputTokens: 16,
  temperature: 0.3,
};
async function window(provider) {
  let next = 0;
  const c = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < WINDOW) await context.with(requestContext, () => provider.chat(request));
    }),
  );
  const d = process.cpuUsage(c);
  return (d.user + d.system) / WINDOW;
}
const samples = Object.fromEntries(names.map((n) => [n, []]));
let profiler;
const WARM = Number(process.env.WARM ?? 3);
for (let r = -WARM; r < ROUNDS; r++) {
  for (let i = 0; i < names.length; i++) {
    const n = names[(i + r + WARM) % names.length];
    const v = await window(all[n]);
    if (r >= 0) samples[n].push(v);
  }
  if (r % 5 === 0) spanExporter.reset();
  if (r === -1) inSitu.length = 0;
  if (r === -1 && process.env.PROFILE) {
    const { Session } = await import('node:inspector/promises');
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
  }
  if (process.env.MARK) console.log(`ROUND ${r}`);
}
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(process.env.PROFILE, { recursive: true });
  writeFileSync(`${process.env.PROFILE}/steady.cpuprofile`, JSON.stringify(profile));
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const n of names) {
  const paired = med(samples[n].map((v, i) => v / samples[names[0]][i]));
  console.log(
    `${n.padEnd(16)} ${med(samples[n]).toFixed(1).padStart(8)} µs CPU/call, ${paired.toFixed(3)}× ${names[0]} (median of per-round ratios)`,
  );
}
if (inSitu.length) {
  answer = await bare.chat(request);
  for (let i = 0; i < inSitu.length; i++) await context.with(requestContext, () => loopTimed.chat(request));
  const show = (t) => `median ${med(t).toFixed(1)} µs, mean ${(t.reduce((x, y) => x + y) / t.length).toFixed(1)} µs`;
  console.log(
    `handTimed's synchronous SDK work per call, rounds after warm-up: in place ${show(inSitu)}; the same code in a tight loop ${show(inLoop)}`,
  );
}
await tracerProvider.shutdown();
await meterProvider.shutdown();
child?.send('close');
