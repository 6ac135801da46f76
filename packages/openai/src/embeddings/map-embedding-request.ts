import type { EmbeddingRequest } from '@switchboard/core';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';

/**
 * Maps an `EmbeddingRequest` to an embeddings body for the given wire model: `dimensions`, `encoding_format` (base64
 * unless asked otherwise: a third of the bytes), `user`, then `providerOptions[providerOptionsKey]` as given.
 */
export function mapEmbeddingRequest(
  request: EmbeddingRequest,
  options: { model: string; providerOptionsKey: string; input?: string | string[] },
): EmbeddingCreateParams {
  const body: Record<string, unknown> = {
    model: options.model,
    input: options.input ?? request.input,
    encoding_format: request.encodingFormat ?? 'base64',
  };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (request.user !== undefined) body.user = request.user;
  Object.assign(body, request.providerOptions?.[options.providerOptionsKey]);
  return body as unknown as EmbeddingCreateParams;
}
