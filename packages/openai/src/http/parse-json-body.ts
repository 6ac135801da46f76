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
