import { ParseError } from '@switchboard/core';
import type { z } from 'zod';

/**
 * Parses a response body with a zod schema: text that is not JSON, or JSON of the wrong shape, becomes a `ParseError`
 * carrying a short excerpt of what arrived and the first problem found.
 */
export function parseJsonBody<S extends z.ZodType>(
  text: string,
  schema: S,
  context: { provider: string; what: string; requestId?: string | undefined },
): z.output<S> {
  return parseJsonValue(parseJsonText(text, context), schema, { ...context, raw: text });
}

/** Parses JSON text, throwing a `ParseError` with an excerpt when it is not JSON. */
export function parseJsonText(
  text: string,
  context: { provider: string; what: string; requestId?: string | undefined },
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ParseError({
      message: `The ${context.provider} ${context.what} is not valid JSON`,
      raw: text,
      provider: context.provider,
      ...(context.requestId ? { requestId: context.requestId } : {}),
      cause: error,
    });
  }
}

/** Checks an already parsed value with a zod schema, throwing a `ParseError` that names the first problem. */
export function parseJsonValue<S extends z.ZodType>(
  value: unknown,
  schema: S,
  context: { provider: string; what: string; requestId?: string | undefined; raw?: string },
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new ParseError({
    message: `The ${context.provider} ${context.what} has an unexpected shape${where}: ${issue?.message ?? 'invalid'}`,
    raw: context.raw ?? safeStringify(value),
    provider: context.provider,
    ...(context.requestId ? { requestId: context.requestId } : {}),
  });
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A fast guard for a body and the zod schema that explains (and, when the guard is stricter, settles) a no. */
export interface BodyCheck<T> {
  /** True when the value has the expected shape; the value is then used as it is (every field kept). */
  is: (value: unknown) => value is T;
  /** The zod schema, only consulted when `is` says no. */
  schema: z.ZodType<T, unknown>;
}

/**
 * Checks an already parsed value on the hot path: the guard's yes returns it untouched; a no goes through the zod
 * schema, whose first issue makes the `ParseError` (with an excerpt of the body) as `parseJsonValue` does.
 */
export function checkJsonValue<T>(
  value: unknown,
  check: BodyCheck<T>,
  context: { provider: string; what: string; requestId?: string | undefined; raw?: string },
): T {
  if (check.is(value)) return value;
  return parseJsonValue(value, check.schema, context) as T;
}

/** A check that always asks the zod schema (for bodies off the hot path, such as images). */
export function zodCheck<S extends z.ZodType>(schema: S): BodyCheck<z.output<S>> {
  return { is: (_value): _value is z.output<S> => false, schema: schema as z.ZodType<z.output<S>, unknown> };
}
