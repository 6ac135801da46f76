import type { Attributes } from '@opentelemetry/api';
import type { ChatResponse, FinishReason, Usage } from '@switchboard/core';
import { type AttributeSink, attributeObject } from './request-attributes.js';
import { GEN_AI, SWITCHBOARD } from './semconv.js';

/** What the spans and metrics read from a finished call, whatever the operation. */
export interface CallOutcome {
  /** The provider's response id. */
  id?: string;
  /** The model that answered. */
  model?: string;
  /** Why it stopped, in the conventions' words. */
  finishReasons?: string[];
  /** Token usage. */
  usage?: Partial<Usage>;
  /** The provider's request id. */
  requestId?: string;
}

/** The conventions' finish reasons (`tool_calls`, `content_filter`, ...) for ours. */
export const FINISH_REASONS: Readonly<Record<FinishReason, string>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'error',
  other: 'other',
};

/** The outcome of a chat call (also what a finished stream assembles). */
export function chatOutcome(response: ChatResponse): CallOutcome {
  const outcome: CallOutcome = { finishReasons: [FINISH_REASONS[response.finishReason]] };
  if (response.id) outcome.id = response.id;
  if (response.model) outcome.model = response.model;
  if (response.usage) outcome.usage = response.usage;
  if (response.requestId) outcome.requestId = response.requestId;
  return outcome;
}

/** The outcome of an embeddings, image or connection call, read from the fields they share. */
export function genericOutcome(result: unknown): CallOutcome {
  if (typeof result !== 'object' || result === null) return {};
  const { model, usage, requestId } = result as { model?: unknown; usage?: Partial<Usage>; requestId?: unknown };
  const outcome: CallOutcome = {};
  if (typeof model === 'string' && model) outcome.model = model;
  if (usage && typeof usage.inputTokens === 'number') outcome.usage = usage;
  if (typeof requestId === 'string') outcome.requestId = requestId;
  return outcome;
}

/** The response attributes of a span. */
export function outcomeAttributes(outcome: CallOutcome): Attributes {
  const sink = attributeObject();
  setOutcomeAttributes(sink, outcome);
  return sink.attributes;
}

/** Writes the response attributes of a span to `sink`. */
export function setOutcomeAttributes(sink: AttributeSink, outcome: CallOutcome): void {
  if (outcome.id) sink.setAttribute(GEN_AI.responseId, outcome.id);
  if (outcome.model) sink.setAttribute(GEN_AI.responseModel, outcome.model);
  if (outcome.finishReasons) sink.setAttribute(GEN_AI.responseFinishReasons, outcome.finishReasons);
  if (outcome.requestId) sink.setAttribute(SWITCHBOARD.requestId, outcome.requestId);
  const usage = outcome.usage;
  if (usage === undefined) return;
  if (usage.inputTokens !== undefined) sink.setAttribute(GEN_AI.usageInputTokens, usage.inputTokens);
  if (usage.outputTokens !== undefined) sink.setAttribute(GEN_AI.usageOutputTokens, usage.outputTokens);
  if (usage.cachedInputTokens !== undefined)
    sink.setAttribute(GEN_AI.usageCacheReadInputTokens, usage.cachedInputTokens);
  if (usage.reasoningTokens !== undefined) sink.setAttribute(SWITCHBOARD.reasoningTokens, usage.reasoningTokens);
}
