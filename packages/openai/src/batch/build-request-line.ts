import {
  type BatchEndpoint,
  type BatchRequestLine,
  type ChatRequest,
  type EmbeddingRequest,
  InvalidRequestError,
} from '@switchboard/core';
import { mapChatRequest } from '../chat/map-chat-request.js';
import { mapEmbeddingRequest } from '../embeddings/map-embedding-request.js';
import type { ProviderContext } from '../provider/provider-context.js';

function isChatRequest(request: ChatRequest | EmbeddingRequest): request is ChatRequest {
  return 'messages' in request;
}

/**
 * Builds one Batch API input line in the provider's wire format. Chat images must be URLs, data URLs or bytes (a
 * file path cannot be read synchronously here); the model goes through the provider's mapping for `batch`.
 */
export function buildRequestLine(
  context: ProviderContext,
  customId: string,
  request: ChatRequest | EmbeddingRequest,
  endpoint: BatchEndpoint,
): BatchRequestLine {
  const model = context.wireModel(request.model, 'batch');
  const url = context.config.batchLineUrl?.(endpoint) ?? endpoint;
  const chat = isChatRequest(request);
  if (chat !== (endpoint === '/v1/chat/completions')) {
    throw new InvalidRequestError({
      message: `A ${chat ? 'chat' : 'embedding'} request cannot go to ${endpoint}.`,
      provider: context.provider,
      source: 'client',
      param: 'endpoint',
    });
  }
  const body = isChatRequest(request)
    ? mapChatRequest(request, {
        model,
        providerOptionsKey: context.providerOptionsKey,
        reasoning: context.isReasoningModel(request.model, model),
      })
    : mapEmbeddingRequest(request, { model, providerOptionsKey: context.providerOptionsKey });
  return {
    custom_id: customId,
    method: 'POST',
    url,
    body: context.body(body as unknown as Record<string, unknown>, 'batch-line'),
  };
}
