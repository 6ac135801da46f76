import { z } from 'zod';

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
