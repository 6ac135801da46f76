import { type Attributes, type Context, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { calculateCost, isSwitchboardError, type ModelCatalog, type Usage } from '@switchboard/core';
import type { CallOutcome } from '../attributes/response-attributes.js';
import { setOutcomeAttributes } from '../attributes/response-attributes.js';
import { GEN_AI, GENERAL, SWITCHBOARD } from '../attributes/semconv.js';
import type { Instruments } from '../metrics/instruments.js';
import type { MetricAttributeSets } from '../metrics/metric-attributes.js';
import { errorMessage, errorType } from './error-type.js';

/** What every call of one kind (provider, operation, model) shares: made once, reused by each call. */
export interface CallShape {
  /** The span name: `{operation} {model}`. */
  readonly name: string;
  /** `gen_ai.operation.name`. */
  readonly operationName: string;
  /** `gen_ai.provider.name`. */
  readonly providerName: string;
  /** `gen_ai.request.model`. */
  readonly model: string | undefined;
  /** The metric attribute sets of these calls. */
  readonly metrics: MetricAttributeSets;
}

/** What a call span needs to start. */
export interface CallSpanStart {
  tracer: Tracer;
  instruments: Instruments;
  /** The options for core's `calculateCost` (the catalog), made once. */
  costOptions: { catalog?: ModelCatalog };
  shape: CallShape;
  /** The caller's context: the span's parent. */
  parent: Context;
}

/**
 * One operation's span and its metrics: started when the call starts, ended exactly once with the outcome or the
 * error. Durations come from `performance.now()`, the span's own times from the tracer. The span starts with the
 * attributes samplers see (operation, provider, model); the caller adds the request's others when it records.
 */
export class CallSpan {
  readonly span: Span;
  /** Whether the span records anything: a no-op or unsampled span gets no attributes built for it. */
  readonly recording: boolean;
  readonly #instruments: Instruments;
  readonly #costOptions: { catalog?: ModelCatalog };
  readonly #shape: CallShape;
  readonly #startedAt = performance.now();
  #ended = false;

  constructor({ tracer, instruments, costOptions, shape, parent }: CallSpanStart) {
    this.#instruments = instruments;
    this.#costOptions = costOptions;
    this.#shape = shape;
    const attributes =
      shape.model === undefined
        ? { [GEN_AI.operationName]: shape.operationName, [GEN_AI.providerName]: shape.providerName }
        : {
            [GEN_AI.operationName]: shape.operationName,
            [GEN_AI.providerName]: shape.providerName,
            [GEN_AI.requestModel]: shape.model,
          };
    this.span = tracer.startSpan(shape.name, { kind: SpanKind.CLIENT, attributes }, parent);
    this.recording = this.span.isRecording();
  }

  /** Records the first chunk of a stream (time to first chunk). */
  firstChunk(): void {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    if (this.recording) this.span.setAttribute(SWITCHBOARD.timeToFirstChunk, seconds);
    this.#instruments.timeToFirstChunk.record(seconds, this.#shape.metrics.base);
  }

  /** Ends the span as a success; `content` are the captured output attributes, if any. */
  succeed(outcome: CallOutcome, content?: Attributes): void {
    if (this.#ended) return;
    this.#ended = true;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    if (this.recording) this.#setResponseAttributes(outcome, content);
    const sets = this.#shape.metrics.success(outcome.model);
    const instruments = this.#instruments;
    instruments.operationDuration.record(seconds, sets.duration);
    const usage = outcome.usage;
    if (usage?.inputTokens !== undefined) instruments.tokenUsage.record(usage.inputTokens, sets.input);
    if (usage?.outputTokens !== undefined) instruments.tokenUsage.record(usage.outputTokens, sets.output);
    this.span.end();
  }

  /** Ends the span as a failure. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const type = errorType(error);
    const message = errorMessage(error);
    this.span.setAttribute(GENERAL.errorType, type);
    // Name and message only: a stack adds nothing a trace reader needs, and messages of our errors are masked.
    this.span.recordException({ name: error instanceof Error ? error.name : 'Error', message });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    const metrics = this.#shape.metrics;
    this.#instruments.operationDuration.record(seconds, metrics.failure(type));
    if (isSwitchboardError(error) && error.code === 'rate-limit') {
      this.#instruments.rateLimited.add(1, metrics.base);
    }
    this.span.end();
  }

  /** Ends a stream the caller stopped reading early: not an error, but marked. */
  cancel(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.recording) this.span.setAttribute(SWITCHBOARD.streamCancelled, true);
    this.#instruments.operationDuration.record((performance.now() - this.#startedAt) / 1000, this.#shape.metrics.base);
    this.span.end();
  }

  #setResponseAttributes(outcome: CallOutcome, content: Attributes | undefined): void {
    const span = this.span;
    setOutcomeAttributes(span, outcome);
    if (content) span.setAttributes(content);
    const usage = outcome.usage;
    const model = this.#shape.model;
    if (usage?.inputTokens !== undefined && model !== undefined) {
      // Core's usage has both counts; a partial one (a stream cut short) is priced with no output.
      const priced = usage.outputTokens === undefined ? { ...usage, outputTokens: 0 } : usage;
      const cost = calculateCost(model, priced as Pick<Usage, 'inputTokens' | 'outputTokens'>, this.#costOptions);
      if (cost.priced) span.setAttribute(SWITCHBOARD.costUsd, cost.totalUsd);
    }
  }
}
