import type { EmbeddingResponse } from '@switchboard/core';
import { decodeEmbedding } from './decode-embedding.js';
import type { EmbeddingResponseBody } from './embedding-schema.js';

/** Maps an embeddings response to vectors in input order (the API's `index`), decoding base64. */
export function mapEmbeddingResponse(body: EmbeddingResponseBody): EmbeddingResponse {
  const data = [...body.data].sort((a, b) => a.index - b.index);
  const inputTokens = body.usage?.prompt_tokens ?? 0;
  return {
    model: body.model,
    embeddings: data.map((item) => decodeEmbedding(item.embedding)),
    usage: { inputTokens, totalTokens: body.usage?.total_tokens ?? inputTokens },
  };
}
