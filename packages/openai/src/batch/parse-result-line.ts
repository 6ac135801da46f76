import type { BatchResultLine } from '@switchboard/core';
import { chatCompletionSchema } from '../chat/chat-completion-schema.js';
import { mapChatResponse } from '../chat/map-chat-response.js';
import { embeddingResponseSchema } from '../embeddings/embedding-schema.js';
import { mapEmbeddingResponse } from '../embeddings/map-embedding-response.js';
import { readErrorObject } from '../errors/http-failure.js';
import { parseJsonBody } from '../http/parse-json-body.js';
import type { ProviderContext } from '../provider/provider-context.js';
import { batchResultLineSchema } from './batch-schemas.js';

/**
 * Parses one line of a batch output or error file: a successful chat or embeddings body is mapped to the neutral
 * response; a failed request (an `error` object, or a response with an error status) becomes `error`.
 */
export function parseResultLine(context: ProviderContext, line: string): BatchResultLine {
  const parsed = parseJsonBody(line, batchResultLineSchema, { provider: context.provider, what: 'batch result line' });
  const result: BatchResultLine = { customId: parsed.custom_id };
  const response = parsed.response;
  if (response) {
    result.status = response.status_code;
    if (response.request_id) result.requestId = response.request_id;
  }
  if (parsed.error) {
    result.error = { code: parsed.error.code ?? 'unknown', message: parsed.error.message ?? '' };
    return result;
  }
  if (!response) {
    result.error = { code: 'missing_response', message: 'The line has neither a response nor an error.' };
    return result;
  }
  if (response.status_code >= 400) {
    const bodyError = readErrorObject(
      typeof response.body === 'object' && response.body !== null && 'error' in response.body
        ? (response.body as { error: unknown }).error
        : undefined,
    );
    result.error = {
      code: bodyError?.code ? String(bodyError.code) : `http_${response.status_code}`,
      message: bodyError?.message ?? `The request failed with HTTP ${response.status_code}.`,
    };
    return result;
  }
  const chat = chatCompletionSchema.safeParse(response.body);
  if (chat.success) {
    result.chat = mapChatResponse(chat.data, {
      provider: context.provider,
      requestId: result.requestId,
      readMetadata: context.config.hooks?.readResponseMetadata,
      raw: response.body,
    });
    return result;
  }
  const embedding = embeddingResponseSchema.safeParse(response.body);
  if (embedding.success) {
    result.embedding = mapEmbeddingResponse(embedding.data);
    if (result.requestId) result.embedding.requestId = result.requestId;
    return result;
  }
  result.error = {
    code: 'unrecognized_body',
    message: 'The response body is neither a chat completion nor embeddings.',
  };
  return result;
}
