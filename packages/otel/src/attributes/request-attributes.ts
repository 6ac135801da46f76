import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ChatRequest, EmbeddingRequest, ImageRequest } from '@switchboard/core';
import { GEN_AI, type GenAiOperation } from './semconv.js';

/** The Switchboard operations a span is opened for. */
export type TracedOperation = 'chat' | 'streamChat' | 'embed' | 'generateImage' | 'checkConnection';

/** The conventions' operation name of a Switchboard operation. */
export function genAiOperation(operation: TracedOperation): GenAiOperation | 'check_connection' {
  switch (operation) {
    case 'chat':
    case 'streamChat':
      return 'chat';
    case 'embed':
      return 'embeddings';
    case 'generateImage':
      return 'generate_content';
    case 'checkConnection':
      // Not a model call: named after our operation, outside the conventions' list on purpose.
      return 'check_connection';
  }
}

/** Where attributes are written: a span (so a recording call builds no intermediate object), or a plain object. */
export interface AttributeSink {
  setAttribute(name: string, value: AttributeValue): unknown;
}

/** A sink that gathers attributes into an object. */
export function attributeObject(): AttributeSink & { readonly attributes: Attributes } {
  const attributes: Attributes = {};
  return {
    attributes,
    setAttribute(name, value) {
      attributes[name] = value;
    },
  };
}

/** The request attributes of a span: model, sampling parameters and the kind of output asked for. */
export function requestAttributes(operation: TracedOperation, request: unknown): Attributes {
  const sink = attributeObject();
  setRequestAttributes(sink, operation, request);
  return sink.attributes;
}

/** Writes the request attributes of a span to `sink`. */
export function setRequestAttributes(sink: AttributeSink, operation: TracedOperation, request: unknown): void {
  if (request === undefined) return;
  if (operation === 'embed') embeddingAttributes(sink, request as EmbeddingRequest);
  else if (operation === 'generateImage') imageAttributes(sink, request as ImageRequest);
  else chatAttributes(sink, request as ChatRequest);
}

function chatAttributes(sink: AttributeSink, request: ChatRequest): void {
  sink.setAttribute(GEN_AI.requestModel, request.model);
  sink.setAttribute(
    GEN_AI.outputType,
    request.responseFormat && request.responseFormat.type !== 'text' ? 'json' : 'text',
  );
  if (request.temperature !== undefined) sink.setAttribute(GEN_AI.requestTemperature, request.temperature);
  if (request.topP !== undefined) sink.setAttribute(GEN_AI.requestTopP, request.topP);
  if (request.maxOutputTokens !== undefined) sink.setAttribute(GEN_AI.requestMaxTokens, request.maxOutputTokens);
  if (request.frequencyPenalty !== undefined) {
    sink.setAttribute(GEN_AI.requestFrequencyPenalty, request.frequencyPenalty);
  }
  if (request.presencePenalty !== undefined) sink.setAttribute(GEN_AI.requestPresencePenalty, request.presencePenalty);
  if (request.seed !== undefined) sink.setAttribute(GEN_AI.requestSeed, request.seed);
  if (request.stop !== undefined) {
    sink.setAttribute(GEN_AI.requestStopSequences, typeof request.stop === 'string' ? [request.stop] : request.stop);
  }
}

function embeddingAttributes(sink: AttributeSink, request: EmbeddingRequest): void {
  sink.setAttribute(GEN_AI.requestModel, request.model);
  if (request.dimensions !== undefined) sink.setAttribute(GEN_AI.embeddingsDimensionCount, request.dimensions);
  if (request.encodingFormat) sink.setAttribute(GEN_AI.requestEncodingFormats, [request.encodingFormat]);
}

function imageAttributes(sink: AttributeSink, request: ImageRequest): void {
  sink.setAttribute(GEN_AI.requestModel, request.model);
  sink.setAttribute(GEN_AI.outputType, 'image');
  if (request.n !== undefined) sink.setAttribute(GEN_AI.requestChoiceCount, request.n);
}
