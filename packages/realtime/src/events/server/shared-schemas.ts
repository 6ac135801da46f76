import { lazySchema, type Zod } from '@switchboard/core';
import type { z } from 'zod';

// Lenient on purpose: unknown fields are kept, enums are plain strings (new values must not break parsing), and
// only the fields this package relies on are required.

/** One content part of an item (`input_text`, `input_audio`, `output_text`, `output_audio`, ...). */
export const contentPartSchema = lazySchema((z) =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    transcript: z.string().nullable().optional(),
    audio: z.string().optional(),
  }),
);

/** A conversation item: a message, a function call or a function call's output. */
export const itemSchema = lazySchema((z) =>
  z.looseObject({
    id: z.string().optional(),
    object: z.string().optional(),
    type: z.string(),
    status: z.string().optional(),
    role: z.string().optional(),
    content: z.array(contentPartSchema).optional(),
    call_id: z.string().optional(),
    name: z.string().optional(),
    arguments: z.string().optional(),
    output: z.string().optional(),
  }),
);

/** Token usage of a response. */
export const usageSchema = lazySchema((z) =>
  z.looseObject({
    total_tokens: z.number().optional(),
    input_tokens: z.number().optional(),
    output_tokens: z.number().optional(),
    input_token_details: z.looseObject({}).optional(),
    output_token_details: z.looseObject({}).optional(),
  }),
);

/** What an `error` event (and a failed response's `status_details.error`) says. */
export const errorDetailsSchema = lazySchema((z) =>
  z.looseObject({
    type: z.string(),
    code: z.string().nullable().optional(),
    message: z.string(),
    param: z.string().nullable().optional(),
    event_id: z.string().nullable().optional(),
  }),
);

/** A response as `response.created` / `response.done` describe it. */
export const responseSchema = lazySchema((z) =>
  z.looseObject({
    id: z.string(),
    object: z.string().optional(),
    status: z.string().optional(),
    status_details: z
      .looseObject({
        type: z.string().optional(),
        reason: z.string().nullable().optional(),
        error: errorDetailsSchema.partial().nullable().optional(),
      })
      .nullable()
      .optional(),
    output: z.array(itemSchema).optional(),
    usage: usageSchema.nullable().optional(),
    conversation_id: z.string().optional(),
    output_modalities: z.array(z.string()).optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
);

/** One limit of `rate_limits.updated`. */
export const rateLimitSchema = lazySchema((z) =>
  z.looseObject({
    name: z.string(),
    limit: z.number(),
    remaining: z.number(),
    reset_seconds: z.number(),
  }),
);

/** The session object of `session.created` / `session.updated`. */
export const sessionSchema = lazySchema((z) =>
  z.looseObject({
    id: z.string().optional(),
    type: z.string().optional(),
    object: z.string().optional(),
    model: z.string().optional(),
    instructions: z.string().optional(),
    output_modalities: z.array(z.string()).optional(),
    expires_at: z.number().optional(),
  }),
);

/** A content part of an item. */
export type RealtimeContentPart = z.infer<typeof contentPartSchema>;
/** A conversation item. */
export type RealtimeItem = z.infer<typeof itemSchema>;
/** Token usage of a response. */
export type RealtimeUsage = z.infer<typeof usageSchema>;
/** The body of an `error` event. */
export type RealtimeErrorDetails = z.infer<typeof errorDetailsSchema>;
/** A response (`response.created`, `response.done`). */
export type RealtimeResponse = z.infer<typeof responseSchema>;
/** One entry of `rate_limits.updated`. */
export type RealtimeRateLimit = z.infer<typeof rateLimitSchema>;
/** The server's view of the session. */
export type RealtimeServerSession = z.infer<typeof sessionSchema>;

/** The schema of one server event: its `type` literal, an optional `event_id`, and `shape`. */
export function serverEvent<T extends string, S extends z.ZodRawShape>(type: T, shape: (z: Zod) => S) {
  return lazySchema((z) => z.looseObject({ type: z.literal(type), event_id: z.string().optional(), ...shape(z) }));
}

/** The fields every `response.*` event about one item carries. */
export const itemRef = (z: Zod) => ({ response_id: z.string(), item_id: z.string(), output_index: z.number() });
/** `itemRef` plus the content index. */
export const partRef = (z: Zod) => ({ ...itemRef(z), content_index: z.number() });
