import { z } from 'zod';
import { isOptionalNumbers, isRecord } from '../http/shape.js';

/** An embeddings response as read: vectors as number arrays or base64 text. */
export const embeddingResponseSchema = z.looseObject({
  model: z.string(),
  data: z.array(
    z.looseObject({
      index: z.number(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  usage: z.looseObject({ prompt_tokens: z.number().nullish(), total_tokens: z.number().nullish() }).nullish(),
});

/** An embeddings response as read. */
export type EmbeddingResponseBody = z.infer<typeof embeddingResponseSchema>;

/** True when `value` has the shape `embeddingResponseSchema` checks (a fast guard for the hot path). */
export function isEmbeddingResponseBody(value: unknown): value is EmbeddingResponseBody {
  if (!isRecord(value) || typeof value.model !== 'string' || !Array.isArray(value.data)) return false;
  if (!isOptionalNumbers(value.usage, ['prompt_tokens', 'total_tokens'])) return false;
  for (const item of value.data) {
    if (!isRecord(item) || typeof item.index !== 'number') return false;
    const vector = item.embedding;
    if (typeof vector === 'string') continue;
    if (!Array.isArray(vector)) return false;
    for (const component of vector) if (typeof component !== 'number') return false;
  }
  return true;
}
