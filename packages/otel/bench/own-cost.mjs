/**
 * Diagnostic, not a target (`node bench/own-cost.mjs`): CPU µs per call of the telemetry alone, over an in-process
 * provider that answers at once, so no network noise hides it. Variants: no telemetry, the no-op tracer, the recording
 * SDK setup of otel-bench.mjs, and `floor`: the same span, attributes and three metric records written by hand with
 * precomputed attribute sets, the least a user could write instead. `withTelemetry` minus `floor` is our own cost.
 * `ALS=1` registers the AsyncLocalStorage context manager; `ONLY=<variant>` runs one (for `--cpu-prof`); `N` calls.
 */
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { withTelemetry } from '../dist/index.js';

if (process.env.ALS) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const response = {
  id: 'chatcmpl-1',
  model: 'gpt-4o-mini-2024-07-18',
  content: 'Hi',
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 12, outputTokens: 16, totalTokens: 28 },
  requestId: 'req_1',
  raw: {},
};
const bare = { name: 'openai', chat: async () => response };
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
  server: 'http://127.0.0.1:4010/v1',
});
const ftracer = tracerProvider.getTracer('floor');
const fmeter = meterProvider.getMeter('floor');
const fdur = fmeter.createHistogram('d');
const ftok = fmeter.createHistogram('t');
const srv = { 'server.address': '127.0.0.1', 'server.port': 4010 };
const fbase = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  ...srv,
};
const fdone = { ...fbase, 'gen_ai.response.model': response.model };
const fin = { ...fdone, 'gen_ai.token.type': 'input' };
const fout = { ...fdone, 'gen_ai.token.type': 'output' };
const floor = {
  name: 'openai',
  async chat(req, o) {
    const t0 = performance.now();
    const span = ftracer.startSpan('chat gpt-4o-mini', {
      kind: 2,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': req.model,
      },
    });
    span.setAttribute('gen_ai.output.type', 'text');
    span.setAttribute('gen_ai.request.temperature', req.temperature);
    span.setAttribute('gen_ai.request.max_tokens', req.maxOutputTokens);
    span.setAttribute('server.address', '127.0.0.1');
    span.setAttribute('server.port', 4010);
    const r = await context.with(trace.setSpan(context.active(), span), bare.chat, bare, req, o);
    span.setAttribute('gen_ai.response.id', r.id);
    span.setAttribute('gen_ai.response.model', r.model);
    span.setAttribute('gen_ai.response.finish_reasons', ['stop']);
    span.setAttribute('switchboard.request_id', r.requestId);
    span.setAttribute('gen_ai.usage.input_tokens', r.usage.inputTokens);
    span.setAttribute('gen_ai.usage.output_tokens', r.usage.outputTokens);
    span.setAttribute('switchboard.cost.usd', 0.00001);
    fdur.record((performance.now() - t0) / 1000, fdone);
    ftok.record(r.usage.inputTokens, fin);
    ftok.record(r.usage.outputTokens, fout);
    span.end();
    return r;
  },
};
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Tell me about switchboards.' }],
  maxOutputTokens: 16,
  temperature: 0.3,
};
const N = Number(process.env.N ?? 20000);
async function run(p) {
  const c = process.cpuUsage();
  for (let i = 0; i < N; i++) await p.chat(request);
  const d = process.cpuUsage(c);
  return (d.user + d.system) / N;
}
const only = process.env.ONLY;
const vs = only ? { [only]: { bare, noop, recording, floor }[only] } : { bare, noop, recording, floor };
const s = Object.fromEntries(Object.keys(vs).map((k) => [k, []]));
for (const p of Object.values(vs)) await run(p);
for (let r = 0; r < 7; r++) {
  for (const [k, p] of Object.entries(vs)) s[k].push(await run(p));
  spanExporter.reset();
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const k of Object.keys(s)) console.log(k, med(s[k]).toFixed(2), 'µs/call CPU');
await tracerProvider.shutdown();
await meterProvider.shutdown();
