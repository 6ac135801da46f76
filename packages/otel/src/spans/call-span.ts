import { type Attributes, type Context, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { calculateCost, isSwitchboardError, type ModelCatalog, type Usage } from '@switchboard/core';
import type { CallOutcome } from '../attributes/response-attributes.js';
import { outcomeAttributes } from '../attributes/response-attributes.js';
import { GEN_AI, GENERAL, SWITCHBOARD } from '../attributes/semconv.js';
import type { Instruments } from '../metrics/instruments.js';
import type { MetricAttributeCache } from '../metrics/metric-attributes.js';
import { errorMessage, errorType } from './error-type.js';

/** What a call span needs to start. */
export interface CallSpanStart {
  tracer: Tracer;
  instruments: Instruments;
  catalog: ModelCatalog | undefined;
  /** The span name: `{operation} {model}`. */
  name: string;
  /** The attributes that identify the call (operation, provider, model), given to the sampler. */
  attributes: Attributes;
  /** The rest of the request's attributes, built only when the span records. */
  details: () => Attributes;
  /** The attributes metrics carry (a low-cardinality subset of the span's), from `metricCache`. */
  metricAttributes: Attributes;
  /** Where metric attribute sets with the response model, error type or token type come from. */
  metricCache: MetricAttributeCache;
  /** The caller's context: the span's parent. */
  parent: Context;
}

/**
 * One operation's span and its metrics: started when the call starts, ended exactly once with the outcome or the
 * error. Durations come from `performance.now()`, the span's own times from the tracer.
 */
export class CallSpan {
  readonly span: Span;
  readonly #start: CallSpanStart;
  readonly #startedAt = performance.now();
  #ended = false;

  constructor(start: CallSpanStart) {
    this.#start = start;
    this.span = start.tracer.startSpan(
      start.name,
      { kind: SpanKind.CLIENT, attributes: start.attributes },
      start.parent,
    );
    this.recording = this.span.isRecording();
    if (this.recording) this.span.setAttributes(start.details());
  }

  /** Whether the span records anything: a no-op or unsampled span gets no attributes built for it. */
  readonly recording: boolean;

  /** Records the first chunk of a stream (time to first chunk). */
  firstChunk(): void {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    if (this.recording) this.span.setAttribute(SWITCHBOARD.timeToFirstChunk, seconds);
    this.#start.instruments.timeToFirstChunk.record(seconds, this.#start.metricAttributes);
  }

  /** Ends the span as a success. */
  succeed(outcome: CallOutcome, extra: Attributes = {}): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.recording) this.span.setAttributes(this.#responseAttributes(outcome, extra));
    const metricAttributes = outcome.model
      ? this.#start.metricCache.with(this.#start.metricAttributes, GEN_AI.responseModel, outcome.model)
      : this.#start.metricAttributes;
    this.#recordDuration(metricAttributes);
    this.#recordTokens(outcome, metricAttributes);
    this.span.end();
  }

  /** Ends the span as a failure. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const type = errorType(error);
    this.span.setAttribute(GENERAL.errorType, type);
    // Name and message only: a stack adds nothing a trace reader needs, and messages of our errors are masked.
    this.span.recordException({ name: error instanceof Error ? error.name : 'Error', message: errorMessage(error) });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    const metricAttributes = this.#start.metricCache.with(this.#start.metricAttributes, GENERAL.errorType, type);
    this.#recordDuration(metricAttributes);
    if (isSwitchboardError(error) && error.code === 'rate-limit') {
      this.#start.instruments.rateLimited.add(1, this.#start.metricAttributes);
    }
    this.span.end();
  }

  /** Ends a stream the caller stopped reading early: not an error, but marked. */
  cancel(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.recording) this.span.setAttribute(SWITCHBOARD.streamCancelled, true);
    this.#recordDuration(this.#start.metricAttributes);
    this.span.end();
  }

  #responseAttributes(outcome: CallOutcome, extra: Attributes | undefined): Attributes {
    const attributes = outcomeAttributes(outcome);
    if (extra) Object.assign(attributes, extra);
    const model = this.#start.attributes[GEN_AI.requestModel];
    if (outcome.usage?.inputTokens !== undefined && typeof model === 'string') {
      const cost = calculateCost(model, normaliseUsage(outcome.usage), {
        ...(this.#start.catalog ? { catalog: this.#start.catalog } : {}),
      });
      if (cost.priced) attributes[SWITCHBOARD.costUsd] = cost.totalUsd;
    }
    return attributes;
  }

  #recordDuration(attributes: Attributes): void {
    this.#start.instruments.operationDuration.record((performance.now() - this.#startedAt) / 1000, attributes);
  }

  #recordTokens(outcome: CallOutcome, attributes: Attributes): void {
    const usage = outcome.usage;
    if (usage?.inputTokens !== undefined) {
      const input = this.#start.metricCache.with(attributes, GEN_AI.tokenType, 'input');
      this.#start.instruments.tokenUsage.record(usage.inputTokens, input);
    }
    if (usage?.outputTokens !== undefined) {
      const output = this.#start.metricCache.with(attributes, GEN_AI.tokenType, 'output');
      this.#start.instruments.tokenUsage.record(usage.outputTokens, output);
    }
  }
}

function normaliseUsage(usage: Partial<Usage>): Usage {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return { ...usage, inputTokens, outputTokens, totalTokens: usage.totalTokens ?? inputTokens + outputTokens };
}
