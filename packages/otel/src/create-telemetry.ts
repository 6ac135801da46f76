import { type Attributes, type Context, context, type Meter, metrics, type Tracer, trace } from '@opentelemetry/api';
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
import { genAiOperation, requestAttributes, type TracedOperation } from './attributes/request-attributes.js';
import { chatOutcome, genericOutcome } from './attributes/response-attributes.js';
import { GEN_AI } from './attributes/semconv.js';
import { serverAttributes } from './attributes/server-attributes.js';
import { createInstruments, type Instruments } from './metrics/instruments.js';
import { MetricAttributeCache } from './metrics/metric-attributes.js';
import { CallSpan } from './spans/call-span.js';
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

  /** Starts spans for calls of one provider; what depends only on the provider is computed once. */
  const spanStarter = (provider: Provider) => {
    const providerName = genAiProviderName(provider.name);
    const metricCaches = new Map<string, MetricAttributeCache>();
    const metricCacheFor = (operationName: string) => {
      let cache = metricCaches.get(operationName);
      if (!cache) {
        cache = new MetricAttributeCache({
          [GEN_AI.operationName]: operationName,
          [GEN_AI.providerName]: providerName,
          ...server,
        });
        metricCaches.set(operationName, cache);
      }
      return cache;
    };
    return (callContext: CallContext): { callSpan: CallSpan; parent: Context } => {
      const operation = callContext.operation as TracedOperation;
      const operationName = genAiOperation(operation);
      const metricCache = metricCacheFor(operationName);
      // Samplers see what identifies the call; the rest is built only for a span that records.
      const attributes: Attributes = {
        [GEN_AI.operationName]: operationName,
        [GEN_AI.providerName]: providerName,
      };
      if (callContext.model) attributes[GEN_AI.requestModel] = callContext.model;
      const details = (): Attributes => {
        const more = requestAttributes(operation, callContext.request);
        Object.assign(more, server);
        if (captureContent && (operation === 'chat' || operation === 'streamChat') && callContext.request) {
          Object.assign(more, inputContentAttributes(callContext.request as ChatRequest));
        }
        return more;
      };
      const parent = context.active();
      const callSpan = new CallSpan({
        tracer,
        instruments: instruments(),
        catalog: checked.catalog,
        name: callContext.model ? `${operationName} ${callContext.model}` : operationName,
        attributes,
        details,
        metricAttributes: metricCache.forModel(callContext.model),
        metricCache,
        parent,
      });
      return { callSpan, parent };
    };
  };

  return {
    wrap(provider) {
      const startSpan = spanStarter(provider);
      return wrapProvider(provider, {
        async wrapCall<T>(next: (o: CallOptions) => Promise<T>, callContext: CallContext, callOptions: CallOptions) {
          const { callSpan, parent } = startSpan(callContext);
          try {
            const result = await context.with(trace.setSpan(parent, callSpan.span), () => next(callOptions));
            if (callContext.operation === 'chat') {
              const response = result as ChatResponse;
              const content = captureContent && callSpan.recording ? outputContentAttributes(response) : undefined;
              callSpan.succeed(chatOutcome(response), content);
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
          const { callSpan, parent } = startSpan(callContext);
          const spanContext = trace.setSpan(parent, callSpan.span);
          // Parts in, parts out: wrapProvider builds the one ChatStream the caller sees around them.
          return traceEvents(() => next(callOptions), callSpan, spanContext, captureContent, callOptions.signal);
        },
      });
    },
    hooks: {
      onRetry: hookHandlers.onRetry,
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
