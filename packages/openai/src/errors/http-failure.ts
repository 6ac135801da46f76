import { z } from 'zod';

/** The `error` object of an OpenAI-style error body, read leniently (Azure adds `innererror`, `status`, ...). */
export const errorObjectSchema = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  param: z.string().nullish(),
});

/** The `error` object of an error body, as read. */
export type ErrorObject = z.infer<typeof errorObjectSchema>;

/** What a failed call said, however it arrived: an SDK `APIError`, a raw HTTP response or a stream `error` payload. */
export interface HttpFailure {
  /** HTTP status; undefined for an error that arrived inside a 200 stream. */
  status: number | undefined;
  /** The body's `error` object, when there was one. */
  error: ErrorObject | undefined;
  /** The raw `error` value as sent, for provider hooks that read more fields. */
  rawError: unknown;
  /** Response headers, when there was a response. */
  headers: Headers | undefined;
  /** A message to use when the body had none. */
  fallbackMessage: string;
}

/** Reads an `error` value leniently: an object with the known fields, or undefined. */
export function readErrorObject(value: unknown): ErrorObject | undefined {
  const parsed = errorObjectSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
