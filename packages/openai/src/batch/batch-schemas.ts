import { z } from 'zod';

/** A file object as read. */
export const fileObjectSchema = z.looseObject({
  id: z.string(),
  filename: z.string().nullish(),
  bytes: z.number().nullish(),
  purpose: z.string().nullish(),
  created_at: z.number().nullish(),
  status: z.string().nullish(),
});

const batchStatusSchema = z.enum([
  'validating',
  'failed',
  'in_progress',
  'finalizing',
  'completed',
  'expired',
  'cancelling',
  'cancelled',
]);

/** A batch object as read. */
export const batchObjectSchema = z.looseObject({
  id: z.string(),
  endpoint: z.string(),
  status: batchStatusSchema,
  input_file_id: z.string(),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  created_at: z.number(),
  expires_at: z.number().nullish(),
  request_counts: z.looseObject({ total: z.number(), completed: z.number(), failed: z.number() }).nullish(),
  errors: z
    .looseObject({
      data: z
        .array(z.looseObject({ code: z.string().nullish(), message: z.string().nullish(), line: z.number().nullish() }))
        .nullish(),
    })
    .nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

/** A page of batches as read. */
export const batchListSchema = z.looseObject({
  data: z.array(batchObjectSchema),
  has_more: z.boolean().nullish(),
  last_id: z.string().nullish(),
});

/** A deleted-file answer as read. */
export const fileDeletedSchema = z.looseObject({ id: z.string(), deleted: z.boolean() });

/** One line of a batch output or error file as read. */
export const batchResultLineSchema = z.looseObject({
  custom_id: z.string(),
  response: z
    .looseObject({
      status_code: z.number(),
      request_id: z.string().nullish(),
      body: z.unknown(),
    })
    .nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

/** A batch object as read. */
export type BatchObject = z.infer<typeof batchObjectSchema>;
/** A file object as read. */
export type FileObject = z.infer<typeof fileObjectSchema>;
