import { context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createTelemetry, type Telemetry } from '@switchboard/otel';

/** `--trace`: every call of the run recorded as OpenTelemetry spans, printed as a tree at the end. */
export interface DemoTracing {
  /** Wraps providers and hears the resilience layers. */
  telemetry: Telemetry;
  /** Runs `fn` inside a span named `name` (a tour scene, a command), so the calls it makes nest under it. */
  inSpan<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The span tree of everything that ran, as lines of text. */
  render(): string[];
  /** Stops recording and restores the global context manager. */
  stop(): Promise<void>;
}

let active: DemoTracing | undefined;

/** The tracing of the current run, when `--trace` was given. */
export function activeTracing(): DemoTracing | undefined {
  return active;
}

/**
 * Starts recording spans with the OpenTelemetry SDK (in memory; nothing leaves the process) and the AsyncLocalStorage
 * context manager, so spans nest as they would in an application with a real exporter.
 */
export function startTracing(): DemoTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const tracer = provider.getTracer('switchboard-demo');
  const tracing: DemoTracing = {
    telemetry: createTelemetry({ tracer }),
    inSpan: (name, fn) =>
      tracer.startActiveSpan(name, async (span: Span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      }),
    render: () => renderSpanTree(exporter.getFinishedSpans()),
    async stop() {
      await provider.shutdown();
      context.disable();
      if (active === tracing) active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/** Spans as an indented tree (children in start order), with duration, outcome, usage and events. */
export function renderSpanTree(spans: readonly ReadableSpan[]): string[] {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const children = new Map<string | undefined, ReadableSpan[]>();
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    children.set(key, [...(children.get(key) ?? []), span]);
  }
  for (const list of children.values()) list.sort((a, b) => hrMs(a.startTime) - hrMs(b.startTime));
  const lines: string[] = [];
  const walk = (parent: string | undefined, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((span, index) => {
      const last = index === list.length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${describeSpan(span)}`);
      const inner = `${prefix}${last ? '   ' : '│  '}`;
      for (const event of span.events) lines.push(`${inner}· ${describeEvent(event)}`);
      walk(span.spanContext().spanId, inner);
    });
  };
  walk(undefined, '');
  return lines;
}

function describeSpan(span: ReadableSpan): string {
  const a = span.attributes;
  const parts = [`${span.name}  ${Math.round(hrMs(span.duration))} ms`];
  if (a['error.type']) parts.push(`error: ${a['error.type']}`);
  else if (a['gen_ai.response.finish_reasons']) parts.push(`finish: ${String(a['gen_ai.response.finish_reasons'])}`);
  if (a['gen_ai.usage.input_tokens'] !== undefined) {
    parts.push(`${a['gen_ai.usage.input_tokens']}→${a['gen_ai.usage.output_tokens'] ?? 0} tokens`);
  }
  if (typeof a['switchboard.cost.usd'] === 'number') parts.push(`$${a['switchboard.cost.usd'].toFixed(6)}`);
  if (typeof a['switchboard.response.time_to_first_chunk'] === 'number') {
    parts.push(`first chunk ${Math.round(a['switchboard.response.time_to_first_chunk'] * 1000)} ms`);
  }
  if (a['switchboard.stream.cancelled']) parts.push('cancelled');
  return parts.join(', ');
}

function describeEvent(event: ReadableSpan['events'][number]): string {
  const a = event.attributes ?? {};
  switch (event.name) {
    case 'switchboard.retry':
      return `retry after attempt ${a['switchboard.retry.attempt']} (${a['error.type']}), waiting ${a['switchboard.retry.delay_ms']} ms`;
    case 'switchboard.rate_limit.wait':
      return `rate-limit wait ${Math.round(Number(a['switchboard.rate_limit.wait_ms']))} ms (${a['switchboard.rate_limit.reason']})`;
    case 'switchboard.circuit.state_change':
      return `circuit ${a['switchboard.circuit.key']}: ${a['switchboard.circuit.from']} → ${a['switchboard.circuit.to']}`;
    case 'switchboard.fallback.attempt':
      return `fallback: ${a['gen_ai.provider.name']} ${a['switchboard.fallback.ok'] ? 'answered' : `failed (${a['error.type']})`}`;
    case 'exception':
      return `exception: ${a['exception.message']}`;
    default:
      return event.name;
  }
}

function hrMs([seconds, nanos]: readonly [number, number]): number {
  return seconds * 1000 + nanos / 1e6;
}
