import type { Attributes } from '@opentelemetry/api';
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

/** The request attributes of a span: model, sampling parameters and the kind of output asked for. */
export function requestAttributes(operation: TracedOperation, request: unknown): Attributes {
  if (request === undefined) return {};
  if (operation === 'embed') return embeddingAttributes(request as EmbeddingRequest);
  if (operation === 'generateImage') return imageAttributes(request as ImageRequest);
  return chatAttributes(request as ChatRequest);
}

function chatAttributes(request: ChatRequest): Attributes {
  const attributes: Attributes = {
    [GEN_AI.requestModel]: request.model,
    [GEN_AI.outputType]: request.responseFormat && request.responseFormat.type !== 'text' ? 'json' : 'text',
  };
  setIfDefined(attributes, GEN_AI.requestTemperature, request.temperature);
  setIfDefined(attributes, GEN_AI.requestTopP, request.topP);
  setIfDefined(attributes, GEN_AI.requestMaxTokens, request.maxOutputTokens);
  setIfDefined(attributes, GEN_AI.requestFrequencyPenalty, request.frequencyPenalty);
  setIfDefined(attributes, GEN_AI.requestPresencePenalty, request.presencePenalty);
  setIfDefined(attributes, GEN_AI.requestSeed, request.seed);
  if (request.stop !== undefined) {
    attributes[GEN_AI.requestStopSequences] = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  return attributes;
}

function embeddingAttributes(request: EmbeddingRequest): Attributes {
  const attributes: Attributes = { [GEN_AI.requestModel]: request.model };
  setIfDefined(attributes, GEN_AI.embeddingsDimensionCount, request.dimensions);
  if (request.encodingFormat) attributes[GEN_AI.requestEncodingFormats] = [request.encodingFormat];
  return attributes;
}

function imageAttributes(request: ImageRequest): Attributes {
  const attributes: Attributes = { [GEN_AI.requestModel]: request.model, [GEN_AI.outputType]: 'image' };
  setIfDefined(attributes, GEN_AI.requestChoiceCount, request.n);
  return attributes;
}

function setIfDefined(attributes: Attributes, name: string, value: number | undefined): void {
  if (value !== undefined) attributes[name] = value;
}
