import {
  type Attributes,
  type AttributeValue,
  context,
  isSpanContextValid,
  type Meter,
  metrics,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  type CallContext,
  type CallOptions,
  type ChatRequest,
  type ChatResponse,
  type Hooks,
  type Provider,
  wrapProvider,
} from '@switchboard/core';
import { inputContentAttributes, outputContentAttributes } from './attributes/content-attributes.js';
import { genAiProviderName } from './attributes/provider-name.js';
import { genAiOperation, setRequestAttributes, type TracedOperation } from './attributes/request-attributes.js';
import { chatOutcome, genericOutcome } from './attributes/response-attributes.js';
import { GEN_AI } from './attributes/semconv.js';
import { serverAttributes } from './attributes/server-attributes.js';
import { createInstruments, type Instruments } from './metrics/instruments.js';
import { MetricAttributeSets } from './metrics/metric-attributes.js';
import { type CallShape, CallSpan } from './spans/call-span.js';
import { traceEvents } from './spans/trace-events.js';
import { createTelemetryHooks, type FallbackAttempt } from './telemetry-hooks.js';
import { checkTelemetryOptions, type TelemetryOptions } from './telemetry-options.js';
import { traceTools } from './trace-tools.js';

const SCOPE = '@switchboard/otel';

/** Telemetry for any number of providers: wraps them and hears what their resilience layers report. */
export interface Telemetry {
  /** Returns `provider` with a span and metrics for each call. */
  wrap(provider: Provider): Provider;
  /**
   * Hooks to give `withResilience` (and `createRateLimiter`): retries, rate-limit waits and breaker transitions
   * become events on the span of the call they happen in, and metrics.
   */
  readonly hooks: Hooks;
  /** Give to `fallback({ onAttempt })`: each provider tried becomes an event on the call's span. */
  onFallbackAttempt(event: FallbackAttempt): void;
  /** Wraps each tool's `execute` in an `execute_tool {name}` span (for `runTools`). */
  traceTools<T extends Record<string, unknown>>(tools: T): T;
}

/** Creates telemetry that records to `tracer` and `meter` (the global ones by default). */
export function createTelemetry(options?: TelemetryOptions): Telemetry {
  const checked = checkTelemetryOptions(options);
  const tracer: Tracer = checked.tracer ?? trace.getTracer(SCOPE);
  const instruments = instrumentsFor(checked.meter);
  const captureContent = checked.captureContent ?? false;
  const server = serverAttributes(checked.server);
  const hookHandlers = createTelemetryHooks(instruments);

  const costOptions = checked.catalog ? { catalog: checked.catalog } : {};
  const serverEntries = Object.entries(server);

  /** Starts spans for calls of one provider; what depends only on the provider, operation and model is made once. */
  const spanStarter = (provider: Provider) => {
    const providerName = genAiProviderName(provider.name);
    const shapes = new Map<TracedOperation, Map<string | undefined, CallShape>>();
    const shapeOf = (operation: TracedOperation, model: string | undefined): CallShape => {
      let byModel = shapes.get(operation);
      if (!byModel) {
        byModel = new Map();
        shapes.set(operation, byModel);
      }
      let shape = byModel.get(model);
      if (!shape) {
        const operationName = genAiOperation(operation);
        const base: Attributes = { [GEN_AI.operationName]: operationName, [GEN_AI.providerName]: providerName };
        if (model !== undefined) base[GEN_AI.requestModel] = model;
        Object.assign(base, server);
        shape = {
          name: model ? `${operationName} ${model}` : operationName,
          operationName,
          providerName,
          model: model || undefined,
          metrics: new MetricAttributeSets(base),
        };
        byModel.set(model, shape);
      }
      return shape;
    };
    return (callContext: CallContext): CallSpan => {
      const operation = callContext.operation as TracedOperation;
      const callSpan = new CallSpan({
        tracer,
        instruments: instruments(),
        costOptions,
        shape: shapeOf(operation, callContext.model),
        parent: context.active(),
      });
      if (callSpan.recording) {
        // Samplers saw what identifies the call; the rest is written only to a span that records.
        const span = callSpan.span;
        setRequestAttributes(span, operation, callContext.request);
        for (const [name, value] of serverEntries) span.setAttribute(name, value as AttributeValue);
        if (captureContent && (operation === 'chat' || operation === 'streamChat') && callContext.request) {
          span.setAttributes(inputContentAttributes(callContext.request as ChatRequest));
        }
      }
      return callSpan;
    };
  };

  return {
    wrap(provider) {
      const startSpan = spanStarter(provider);
      return wrapProvider(provider, {
        async wrapCall<T>(next: (o: CallOptions) => Promise<T>, callContext: CallContext, callOptions: CallOptions) {
          const callSpan = startSpan(callContext);
          try {
            const result = await runInSpan(callSpan, next, callOptions);
            if (callContext.operation === 'chat') {
              const response = result as ChatResponse;
              callSpan.succeed(
                chatOutcome(response),
                captureContent && callSpan.recording ? outputContentAttributes(response) : undefined,
              );
            } else {
              callSpan.succeed(genericOutcome(result));
            }
            return result;
          } catch (error) {
            callSpan.fail(error);
            throw error;
          }
        },
        wrapStream(next, callContext, callOptions) {
          const callSpan = startSpan(callContext);
          const spanContext = trace.setSpan(context.active(), callSpan.span);
          return traceEvents(() => next(callOptions), callSpan, spanContext, captureContent, callOptions.signal);
        },
      });
    },
    hooks: {
      onRetry: hookHandlers.onRetry,
      onRetryBudgetExhausted: hookHandlers.onRetryBudgetExhausted,
      onRateLimitWait: hookHandlers.onRateLimitWait,
      onCircuitStateChange: hookHandlers.onCircuitStateChange,
    },
    onFallbackAttempt: hookHandlers.onFallbackAttempt,
    traceTools: (tools) => traceTools(tools, tracer),
  };
}

/** Returns `provider` with a span and metrics for each call (see `createTelemetry` for the resilience hooks). */
export function withTelemetry(provider: Provider, options?: TelemetryOptions): Provider {
  return createTelemetry(options).wrap(provider);
}

/**
 * Runs `next` with the call's span as the active one, so what the layers below report (retries, limiter waits) lands
 * on it and outgoing requests carry its trace context. A span that neither records nor carries a valid trace context
 * (the no-op tracer's without a parent) would change nothing there, so the context switch is skipped.
 */
function runInSpan<T>(callSpan: CallSpan, next: (o: CallOptions) => Promise<T>, callOptions: CallOptions): Promise<T> {
  const span = callSpan.span;
  if (!callSpan.recording && !isSpanContextValid(span.spanContext())) return next(callOptions);
  return context.with(trace.setSpan(context.active(), span), next, undefined, callOptions);
}

/**
 * The instruments, made once per meter. With no meter given, the global meter provider is read at each call (the
 * metrics API has no proxy like the tracer's), so a provider registered after `withTelemetry` still gets metrics.
 */
function instrumentsFor(meter: Meter | undefined): () => Instruments {
  if (meter) {
    const fixed = createInstruments(meter);
    return () => fixed;
  }
  let cachedProvider: unknown;
  let cached: Instruments | undefined;
  return () => {
    const provider = metrics.getMeterProvider();
    if (!cached || provider !== cachedProvider) {
      cachedProvider = provider;
      cached = createInstruments(provider.getMeter(SCOPE));
    }
    return cached;
  };
}
