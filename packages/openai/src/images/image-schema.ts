import { z } from 'zod';

/** An images response as read: bytes as base64 or a URL per image. */
export const imageResponseSchema = z.looseObject({
  created: z.number(),
  data: z
    .array(
      z.looseObject({
        b64_json: z.string().nullish(),
        url: z.string().nullish(),
        revised_prompt: z.string().nullish(),
      }),
    )
    .nullish(),
  output_format: z.string().nullish(),
  usage: z
    .looseObject({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      total_tokens: z.number().nullish(),
    })
    .nullish(),
});

/** An images response as read. */
export type ImageResponseBody = z.infer<typeof imageResponseSchema>;
