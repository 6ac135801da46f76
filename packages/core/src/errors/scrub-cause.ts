import { redactSecrets } from './redact.js';

const BRAND = Symbol.for('switchboard.error');
const MAX_DEPTH = 8;

/**
 * Masks secrets inside a cause chain before an error keeps it: an upstream error's message and stack (an SDK echoing a
 * key, an `apiKey()` function that threw with the key in its message, a `baseURL` with userinfo), and each of their
 * causes in turn. Error objects are scrubbed in place, so their class and `instanceof` still hold; a string cause is
 * returned masked. Switchboard errors are already clean and are left alone.
 */
export function scrubCause(cause: unknown): unknown {
  if (typeof cause === 'string') return redactSecrets(cause);
  scrubError(cause, 0, new Set());
  return cause;
}

function scrubError(value: unknown, depth: number, seen: Set<unknown>): void {
  if (!(value instanceof Error) || seen.has(value) || depth > MAX_DEPTH) return;
  seen.add(value);
  if ((value as unknown as Record<symbol, unknown>)[BRAND] === true) return;
  rewrite(value, 'message');
  rewrite(value, 'stack');
  const { cause } = value as { cause?: unknown };
  if (typeof cause === 'string') rewrite(value, 'cause');
  else scrubError(cause, depth + 1, seen);
}

function rewrite(target: Error, key: 'message' | 'stack' | 'cause'): void {
  const current = (target as unknown as Record<string, unknown>)[key];
  if (typeof current !== 'string') return;
  const masked = redactSecrets(current);
  if (masked === current) return;
  try {
    Object.defineProperty(target, key, { value: masked, writable: true, configurable: true, enumerable: false });
  } catch {
    // A frozen error cannot be scrubbed; `toJSON()` and inspection still mask what they show of it.
  }
}
