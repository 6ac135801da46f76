import { ROOT_CONTEXT } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RateLimitError, ServerError } from '@switchboard/core';
import { describe, expect, it, vi } from 'vitest';
import { createInstruments } from '../metrics/instruments.js';
import { MetricAttributeSets } from '../metrics/metric-attributes.js';
import { CallSpan } from './call-span.js';
import { errorMessage, errorType } from './error-type.js';
import { StreamOutcome } from './stream-outcome.js';
import { traceEvents } from './trace-events.js';

function setup() {
  const exporter = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('t');
  const instruments = createInstruments(new MeterProvider().getMeter('t'));
  const callSpan = new CallSpan({
    tracer,
    instruments,
    costOptions: {},
    shape: {
      name: 'chat m',
      operationName: 'chat',
      providerName: 'openai',
      model: 'unknown-model-xyz',
      metrics: new MetricAttributeSets({}),
    },
    parent: ROOT_CONTEXT,
  });
  return { exporter, callSpan, instruments };
}

describe('error type', () => {
  it('prefers the Switchboard code, then the class name, then _OTHER', () => {
    expect(errorType(new ServerError({ message: 'x', status: 500 }))).toBe('server');
    expect(errorType(new TypeError('x'))).toBe('TypeError');
    expect(errorType('boom')).toBe('_OTHER');
    expect(errorMessage('boom')).toBe('boom');
    expect(errorMessage(new Error('m'))).toBe('m');
  });
});

describe('CallSpan', () => {
  it('ends once, whatever is called after', () => {
    const { exporter, callSpan, instruments } = setup();
    const add = vi.spyOn(instruments.rateLimited, 'add');
    callSpan.fail(new RateLimitError({ message: 'slow down', status: 429 }));
    callSpan.succeed({});
    callSpan.cancel();
    callSpan.fail('again');
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(add).toHaveBeenCalledTimes(1);
  });

  it('leaves cost out for a model without a price, and takes partial usage', () => {
    const { exporter, callSpan } = setup();
    callSpan.succeed({ usage: { inputTokens: 3 } });
    const span = exporter.getFinishedSpans()[0];
    expect(span?.attributes['switchboard.cost.usd']).toBeUndefined();
    expect(span?.attributes['gen_ai.usage.input_tokens']).toBe(3);
  });

  it('records a thrown non-Error as _OTHER', () => {
    const { exporter, callSpan } = setup();
    callSpan.fail(42);
    expect(exporter.getFinishedSpans()[0]?.attributes['error.type']).toBe('_OTHER');
  });
});

describe('StreamOutcome', () => {
  it('gathers ids and usage, and content only when asked', () => {
    const events = [
      { type: 'start', id: 'r', model: 'm', requestId: 'q' },
      { type: 'text-delta', delta: 'Hi' },
      { type: 'refusal-delta', delta: 'no' },
      { type: 'tool-call', index: 0, toolCall: { id: 'c', name: 'f', arguments: '{}' } },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
    ] as const;
    const quiet = new StreamOutcome(false);
    const loud = new StreamOutcome(true);
    for (const event of events) {
      quiet.push(event);
      loud.push(event);
    }
    expect(quiet.outcome).toEqual({ id: 'r', model: 'm', requestId: 'q', finishReasons: ['stop'] });
    expect(quiet.contentAttributes()).toEqual({});
    const message = JSON.parse(String(loud.contentAttributes()['gen_ai.output.messages']))[0];
    expect(message.parts).toHaveLength(3);
    const bare = new StreamOutcome(false);
    bare.push({ type: 'start' });
    expect(bare.outcome).toEqual({});
  });
});

describe('traceEvents', () => {
  it('cancels the span when the source ends without finishing', async () => {
    const { exporter, callSpan } = setup();
    async function* source() {
      yield { type: 'start' as const };
    }
    const seen = [];
    for await (const event of traceEvents(source, callSpan, ROOT_CONTEXT, false)) seen.push(event);
    expect(seen).toHaveLength(1);
    expect(exporter.getFinishedSpans()[0]?.attributes['switchboard.stream.cancelled']).toBe(true);
  });

  it('passes keep-alive parts through without counting them as the first chunk', async () => {
    const { exporter, callSpan } = setup();
    async function* source() {
      yield { type: 'keep-alive' as const };
      yield { type: 'start' as const };
    }
    const seen = [];
    for await (const part of traceEvents(source, callSpan, ROOT_CONTEXT, false)) seen.push(part.type);
    expect(seen).toEqual(['keep-alive', 'start']);
    const attributes = exporter.getFinishedSpans()[0]?.attributes ?? {};
    expect(Object.keys(attributes).some((name) => name.includes('first_chunk'))).toBe(false);
  });
});
