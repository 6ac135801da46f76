import {
  context,
  createNoopMeter,
  ProxyTracerProvider,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type ChatRequest, type Provider, wrapProvider } from '@switchboard/core';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { fallback, withResilience } from '@switchboard/resilience';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelemetry, withTelemetry } from '../src/index.js';
import { createOtelHarness, metricPoints, type OtelHarness } from './otel-harness.js';

const CANARY_KEY = 'gw-CANARY-7f3e9d2c1b-not-an-sk-shape';
const CHAT: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Say something about switchboards.' },
  ],
  temperature: 0.2,
  topP: 0.9,
  maxOutputTokens: 24,
  seed: 7,
  stop: ['END'],
};

let server: MockServer;
let otel: OtelHarness;
let bare: Provider;

beforeAll(async () => {
  server = await startMockServer();
  otel = createOtelHarness();
  bare = createOpenAIProvider({ apiKey: CANARY_KEY, baseURL: server.url });
});

afterAll(async () => {
  await otel.shutdown();
  await server.close();
});

beforeEach(() => {
  server.control.reset();
  otel.reset();
});

function telemetry(captureContent = false) {
  return createTelemetry({
    tracer: otel.tracerProvider.getTracer('test'),
    meter: otel.meterProvider.getMeter('test'),
    captureContent,
    server: server.url,
  });
}

function only(spans: ReadableSpan[], name: string): ReadableSpan {
  const matching = spans.filter((span) => span.name === name);
  expect(matching, `spans named ${name}`).toHaveLength(1);
  return matching[0] as ReadableSpan;
}

const port = () => Number(new URL(server.url).port);

describe('chat', () => {
  it('records a client span by the GenAI conventions, with usage, cost and server', async () => {
    const provider = telemetry().wrap(bare);
    const response = await provider.chat(CHAT);
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 24,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.output.type': 'text',
      'gen_ai.response.id': response.id,
      'gen_ai.response.model': response.model,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': response.usage?.inputTokens,
      'gen_ai.usage.output_tokens': response.usage?.outputTokens,
      'server.address': '127.0.0.1',
      'server.port': port(),
    });
    expect(span.attributes['switchboard.cost.usd']).toBeGreaterThan(0);
    expect(span.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(span.attributes['gen_ai.output.messages']).toBeUndefined();
  });

  it('records prompt and answer only with captureContent', async () => {
    const response = await telemetry(true).wrap(bare).chat(CHAT);
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(JSON.parse(String(span.attributes['gen_ai.system_instructions']))).toEqual([
      { type: 'text', content: 'Answer briefly.' },
    ]);
    expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Say something about switchboards.' }] },
    ]);
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: response.text }], finish_reason: 'stop' },
    ]);
  });

  it('marks a failed call with error.type and an error status', async () => {
    server.control.faults.add({ kind: 'status', status: 400, route: 'chat.completions', times: 1 });
    await expect(telemetry().wrap(bare).chat(CHAT)).rejects.toMatchObject({ code: 'invalid-request' });
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('invalid-request');
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
    const durations = metricPoints(await otel.collectMetrics(), 'gen_ai.client.operation.duration');
    expect(durations.some((point) => point.attributes['error.type'] === 'invalid-request')).toBe(true);
  });

  it('counts a final 429 as rate-limited', async () => {
    server.control.faults.add({ kind: 'status', status: 429, route: 'chat.completions', times: 1 });
    await expect(telemetry().wrap(bare).chat(CHAT)).rejects.toMatchObject({ code: 'rate-limit' });
    const points = metricPoints(await otel.collectMetrics(), 'switchboard.client.rate_limited');
    expect(points.reduce((sum, point) => sum + Number(point.value), 0)).toBeGreaterThanOrEqual(1);
  });

  it('records retries of withResilience as events on the call span, and counts them', async () => {
    server.control.faults.add({ kind: 'status', status: 503, route: 'chat.completions', times: 2 });
    const t = telemetry();
    const provider = t.wrap(
      withResilience(bare, { retry: { maxAttempts: 3, baseDelayMs: 5, random: () => 0 }, hooks: t.hooks }),
    );
    await provider.chat(CHAT);
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    const retries = span.events.filter((event) => event.name === 'switchboard.retry');
    expect(retries.map((event) => event.attributes?.['switchboard.retry.attempt'])).toEqual([1, 2]);
    expect(retries.every((event) => event.attributes?.['error.type'] === 'server')).toBe(true);
    const points = metricPoints(await otel.collectMetrics(), 'switchboard.client.retries');
    expect(points.reduce((sum, point) => sum + Number(point.value), 0)).toBeGreaterThanOrEqual(2);
  });

  it('records a retry the budget refused as an event on the call span', async () => {
    server.control.faults.add({ kind: 'status', status: 503, route: 'chat.completions', times: 1 });
    const t = telemetry();
    const provider = t.wrap(
      withResilience(bare, {
        retry: { maxAttempts: 3, baseDelayMs: 5, budgetBurst: 0, budgetRatio: 0, budgetMinPerSecond: 0 },
        hooks: t.hooks,
      }),
    );
    await expect(provider.chat(CHAT)).rejects.toMatchObject({ retryBudgetExhausted: true });
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    const refused = span.events.filter((event) => event.name === 'switchboard.retry.budget_exhausted');
    expect(refused.map((event) => event.attributes?.['switchboard.retry.attempt'])).toEqual([1]);
    expect(refused[0]?.attributes?.['error.type']).toBe('server');
  });

  it('records rate-limit waits as span events and in the wait histogram', async () => {
    const t = telemetry();
    const provider = t.wrap(
      withResilience(bare, {
        retry: false,
        rateLimiter: { requestsPerMinute: 600, smoothing: 'smooth', smoothingWindowMs: 1_000 },
        hooks: t.hooks,
      }),
    );
    await Promise.all(Array.from({ length: 4 }, () => provider.chat(CHAT)));
    const waits = otel
      .spans()
      .flatMap((span) => span.events)
      .filter((event) => event.name === 'switchboard.rate_limit.wait');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]?.attributes?.['switchboard.rate_limit.wait_ms']).toBeGreaterThan(0);
    const points = metricPoints(await otel.collectMetrics(), 'switchboard.client.rate_limit.wait_duration');
    expect(points.length).toBeGreaterThan(0);
  });

  it('records breaker transitions and fallback attempts on the span they happen in', async () => {
    server.control.faults.add({ kind: 'status', status: 500, route: 'chat.completions', times: 1 });
    const t = telemetry();
    const primary = withResilience(bare, {
      retry: false,
      circuitBreaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
      hooks: t.hooks,
    });
    const secondary = createOpenAIProvider({ apiKey: CANARY_KEY, baseURL: server.url });
    const provider = t.wrap(fallback([primary, secondary], { onAttempt: t.onFallbackAttempt }));
    await provider.chat(CHAT);
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    const names = span.events.map((event) => event.name);
    expect(names).toContain('switchboard.circuit.state_change');
    const attempts = span.events.filter((event) => event.name === 'switchboard.fallback.attempt');
    expect(attempts.map((event) => event.attributes?.['switchboard.fallback.ok'])).toEqual([false, true]);
  });

  it('nests under the caller’s active span', async () => {
    const tracer = otel.tracerProvider.getTracer('app');
    const provider = telemetry().wrap(bare);
    await tracer.startActiveSpan('handle-request', async (parent) => {
      await provider.chat(CHAT);
      parent.end();
    });
    const parent = only(otel.spans(), 'handle-request');
    const child = only(otel.spans(), 'chat gpt-4o-mini');
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
  });
});

describe('streams', () => {
  it('records time to first chunk, usage and finish reason', async () => {
    const provider = telemetry(true).wrap(bare);
    const stream = provider.streamChat(CHAT);
    let text = '';
    for await (const delta of stream.textStream) text += delta;
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.attributes['switchboard.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))[0].parts).toEqual([
      { type: 'text', content: text },
    ]);
    const ttfc = metricPoints(await otel.collectMetrics(), 'gen_ai.client.operation.time_to_first_chunk');
    expect(ttfc.length).toBeGreaterThan(0);
  });

  it('nests under the caller’s span through for await, and retries inside land on the stream span', async () => {
    server.control.faults.add({ kind: 'status', status: 503, route: 'chat.completions', times: 1 });
    const t = telemetry();
    const provider = t.wrap(withResilience(bare, { retry: { baseDelayMs: 5, random: () => 0 }, hooks: t.hooks }));
    const tracer = otel.tracerProvider.getTracer('app');
    await tracer.startActiveSpan('stream-handler', async (parent) => {
      for await (const _ of provider.streamChat(CHAT)) {
        // read it all
      }
      parent.end();
    });
    const parent = only(otel.spans(), 'stream-handler');
    const child = only(otel.spans(), 'chat gpt-4o-mini');
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(child.events.map((event) => event.name)).toContain('switchboard.retry');
  });

  it('ends the span as cancelled when the caller stops reading early', async () => {
    const provider = telemetry().wrap(bare);
    for await (const event of provider.streamChat({ ...CHAT, maxOutputTokens: 200 })) {
      if (event.type === 'text-delta') break;
    }
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.attributes['switchboard.stream.cancelled']).toBe(true);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks an aborted stream as an error of type aborted', async () => {
    const provider = telemetry().wrap(bare);
    const controller = new AbortController();
    const stream = provider.streamChat({ ...CHAT, maxOutputTokens: 200 }, { signal: controller.signal });
    await expect(
      (async () => {
        for await (const event of stream) if (event.type === 'text-delta') controller.abort();
      })(),
    ).rejects.toMatchObject({ code: 'aborted' });
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.attributes['error.type']).toBe('aborted');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('marks a stream that fails mid-way with the error type', async () => {
    server.control.faults.add({ kind: 'stream-error', route: 'chat.completions', afterEvents: 2, times: 1 });
    const provider = telemetry().wrap(bare);
    await expect(provider.streamChat(CHAT).response).rejects.toBeDefined();
    const span = only(otel.spans(), 'chat gpt-4o-mini');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(typeof span.attributes['error.type']).toBe('string');
  });
});

describe('other operations', () => {
  it('names embeddings and image spans by the conventions', async () => {
    const provider = telemetry().wrap(bare);
    await provider.embed?.({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 8 });
    await provider.generateImage?.({ model: 'gpt-image-1', prompt: 'a switchboard', n: 1, size: '1024x1024' });
    const embed = only(otel.spans(), 'embeddings text-embedding-3-small');
    expect(embed.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.embeddings.dimension.count': 8,
    });
    expect(embed.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    const image = only(otel.spans(), 'generate_content gpt-image-1');
    expect(image.attributes).toMatchObject({ 'gen_ai.output.type': 'image', 'gen_ai.request.choice.count': 1 });
  });

  it('records token usage histograms by token type', async () => {
    await telemetry().wrap(bare).chat(CHAT);
    const points = metricPoints(await otel.collectMetrics(), 'gen_ai.client.token.usage');
    const types = new Set(points.map((point) => point.attributes['gen_ai.token.type']));
    expect(types).toEqual(new Set(['input', 'output']));
    expect(points[0]?.attributes['gen_ai.request.model']).toBe('gpt-4o-mini');
  });
});

describe('tools', () => {
  it('wraps each tool execute in an execute_tool span under the active span', async () => {
    const t = telemetry();
    const tools = t.traceTools({
      weather: {
        description: 'The weather',
        execute: async (args: unknown, _options?: { toolCallId?: string }) => ({ args, temp: 21 }),
      },
      broken: {
        execute: async (_args: unknown) => {
          throw new Error('tool failed');
        },
      },
      plain: { description: 'no execute' },
    });
    const tracer = otel.tracerProvider.getTracer('app');
    await tracer.startActiveSpan('loop', async (parent) => {
      await expect(tools.weather.execute({ city: 'Oslo' }, { toolCallId: 'call_1' })).resolves.toEqual({
        args: { city: 'Oslo' },
        temp: 21,
      });
      await expect(tools.broken.execute(undefined)).rejects.toThrow('tool failed');
      parent.end();
    });
    expect(tools.plain).toEqual({ description: 'no execute' });
    const weather = only(otel.spans(), 'execute_tool weather');
    expect(weather.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'weather',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.description': 'The weather',
    });
    expect(weather.parentSpanContext?.spanId).toBe(only(otel.spans(), 'loop').spanContext().spanId);
    const broken = only(otel.spans(), 'execute_tool broken');
    expect(broken.status.code).toBe(SpanStatusCode.ERROR);
    expect(broken.attributes['error.type']).toBe('Error');
  });
});

describe('secrets', () => {
  it('never puts the key (or an auth header) into spans, events or statuses', async () => {
    const t = telemetry(true);
    const wrong = createOpenAIProvider({ apiKey: CANARY_KEY, baseURL: server.url });
    server.control.faults.add({ kind: 'status', status: 401, route: 'chat.completions', times: 1 });
    const provider = t.wrap(withResilience(wrong, { retry: false, hooks: t.hooks }));
    await expect(provider.chat(CHAT)).rejects.toBeDefined();
    await provider.chat(CHAT);
    for await (const _ of provider.streamChat(CHAT)) {
      // read it all
    }
    const dump = JSON.stringify(
      otel.spans().map((span) => ({ attributes: span.attributes, events: span.events, status: span.status })),
    );
    expect(dump).not.toContain(CANARY_KEY);
    expect(dump).not.toContain('CANARY');
    expect(dump.toLowerCase()).not.toContain('authorization');
    expect(dump.toLowerCase()).not.toContain('bearer');
  });
});

describe('defaults and options', () => {
  it('uses the global tracer and meter when none is given', async () => {
    const globalOtel = createOtelHarness({ global: true });
    try {
      await withTelemetry(bare).chat(CHAT);
      expect(globalOtel.spans().map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
      const points = metricPoints(await globalOtel.collectMetrics(), 'gen_ai.client.operation.duration');
      expect(points).toHaveLength(1);
    } finally {
      await globalOtel.shutdown();
      otel = createOtelHarness();
    }
  });

  it('names every bad option at once, unknown keys with a suggestion', () => {
    let caught: unknown;
    try {
      createTelemetry({ tracer: {}, captureContnet: true, server: 'not a url', meter: 3 } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'config' });
    const message = (caught as Error).message;
    expect(message).toContain('captureContnet');
    expect(message).toContain('did you mean captureContent?');
    expect(message).toContain('tracer');
    expect(message).toContain('meter');
    expect(message).toContain('server');
    expect(() => createTelemetry('x' as never)).toThrow(/options object/);
  });

  it('keeps the active context untouched for the caller', async () => {
    const before = trace.getSpan(context.active());
    await telemetry().wrap(bare).chat(CHAT);
    expect(trace.getSpan(context.active())).toBe(before);
  });
});

describe('the no-op tracer', () => {
  /** What the layers below the telemetry see as the active span context during a call. */
  async function seenBelow(run: (provider: Provider) => Promise<unknown>) {
    const seen: unknown[] = [];
    const inner = wrapProvider(bare, {
      wrapCall(next, _context, options) {
        seen.push(trace.getSpanContext(context.active()));
        return next(options);
      },
    });
    const noop = withTelemetry(inner, {
      tracer: new ProxyTracerProvider().getTracer('noop'),
      meter: createNoopMeter(),
    });
    await run(noop);
    return seen[0];
  }

  it('passes a caller’s trace context on to the layers below', async () => {
    const parent = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    };
    const seen = await seenBelow((provider) =>
      context.with(trace.setSpanContext(context.active(), parent), () => provider.chat(CHAT)),
    );
    expect(seen).toMatchObject({ traceId: parent.traceId, spanId: parent.spanId });
  });

  it('leaves the context alone without a caller’s trace', async () => {
    expect(await seenBelow((provider) => provider.chat(CHAT))).toBeUndefined();
    expect(otel.spans()).toHaveLength(0);
  });
});
