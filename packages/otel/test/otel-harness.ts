import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * The OpenTelemetry SDK's own in-memory exporters: spans as the SDK records them, metrics collected on demand, and
 * the AsyncLocalStorage context manager a Node application registers, so parentage is what users would see.
 */
export interface OtelHarness {
  spans(): ReadableSpan[];
  collectMetrics(): Promise<ResourceMetrics>;
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  reset(): void;
  shutdown(): Promise<void>;
}

export function createOtelHarness(options: { global?: boolean } = {}): OtelHarness {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  if (options.global) {
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
  }
  return {
    spans: () => spanExporter.getFinishedSpans(),
    collectMetrics: async () => (await reader.collect()).resourceMetrics,
    tracerProvider,
    meterProvider,
    reset: () => spanExporter.reset(),
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      context.disable();
      trace.disable();
      metrics.disable();
    },
  };
}

/** The data points of one metric by name, flattened across scopes. */
export function metricPoints(
  resourceMetrics: ResourceMetrics,
  name: string,
): { attributes: Record<string, unknown>; value: unknown }[] {
  return resourceMetrics.scopeMetrics.flatMap((scope) =>
    scope.metrics
      .filter((metric) => metric.descriptor.name === name)
      .flatMap((metric) => metric.dataPoints as { attributes: Record<string, unknown>; value: unknown }[]),
  );
}
