import { isSwitchboardError } from '@switchboard/core';

/**
 * The `error.type` of a failure: the stable Switchboard error code (`rate-limit`, `timeout`, ...) when it is one,
 * else the error's class name, else `_OTHER` as the conventions say.
 */
export function errorType(error: unknown): string {
  if (isSwitchboardError(error)) return error.code;
  if (error instanceof Error && error.name) return error.name;
  return '_OTHER';
}

/** The message to put on a span's status: Switchboard errors mask secrets in their messages already. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
