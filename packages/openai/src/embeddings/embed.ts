import {
  type CallOptions,
  type EmbeddingRequest,
  type EmbeddingResponse,
  InvalidRequestError,
} from '@switchboard/core';
import { callJson } from '../http/call-json.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { embeddingResponseSchema, isEmbeddingResponseBody } from './embedding-schema.js';
import { mapEmbeddingRequest } from './map-embedding-request.js';
import { mapEmbeddingResponse } from './map-embedding-response.js';

/** The most inputs the embeddings endpoint takes in one request. */
export const MAX_EMBEDDING_INPUTS = 2048;

/**
 * `Provider.embed`: embeds one text or many. More than 2,048 inputs are sent as consecutive requests (the API's limit)
 * and joined in input order, usage added up; the rate-limit state and request id are those of the last request.
 */
export async function embed(
  context: ProviderContext,
  request: EmbeddingRequest,
  call: CallOptions = {},
): Promise<EmbeddingResponse> {
  const model = context.wireModel(request.model, 'embedding');
  const batches = splitInputs(request.input, context.provider);
  let result: EmbeddingResponse | undefined;
  for (const input of batches) {
    const body = context.body(
      mapEmbeddingRequest(request, { model, providerOptionsKey: context.providerOptionsKey, input }),
      'embedding',
    );
    const { data, requestId, rateLimit } = await callJson(
      context,
      call,
      { method: 'POST', path: '/embeddings', body: body as unknown as Record<string, unknown> },
      { is: isEmbeddingResponseBody, schema: embeddingResponseSchema },
      'embeddings response',
    );
    const part = mapEmbeddingResponse(data);
    result = result
      ? {
          ...part,
          embeddings: [...result.embeddings, ...part.embeddings],
          usage: {
            inputTokens: result.usage.inputTokens + part.usage.inputTokens,
            totalTokens: result.usage.totalTokens + part.usage.totalTokens,
          },
        }
      : part;
    if (requestId) result.requestId = requestId;
    if (rateLimit) result.rateLimit = rateLimit;
  }
  return result as EmbeddingResponse;
}

function splitInputs(input: string | string[], provider: string): (string | string[])[] {
  if (typeof input === 'string') return [input];
  if (input.length === 0) {
    throw new InvalidRequestError({
      message: 'Embedding input must contain at least one text.',
      provider,
      source: 'client',
    });
  }
  const batches: string[][] = [];
  for (let start = 0; start < input.length; start += MAX_EMBEDDING_INPUTS) {
    batches.push(input.slice(start, start + MAX_EMBEDDING_INPUTS));
  }
  return batches;
}
