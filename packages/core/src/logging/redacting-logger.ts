import { redactSecrets } from '../errors/redact.js';
import type { LogFn, Logger } from './logger.js';

/**
 * Wraps a logger so every message and every string inside its object argument goes through `redactSecrets` (registered
 * secret values and key-shaped strings are masked) before the logger sees it. Switchboard wraps the loggers it is
 * given; wrap your own when you log its events.
 */
export function redactingLogger(logger: Logger): Logger {
  const wrap =
    (log: LogFn): LogFn =>
    (first: Record<string, unknown> | string, message?: string) => {
      if (typeof first === 'string') return log(redactSecrets(first));
      const object = redactValue(first, 0) as Record<string, unknown>;
      return message === undefined ? log(object) : log(object, redactSecrets(message));
    };
  return {
    debug: wrap(logger.debug.bind(logger)),
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
  };
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, depth + 1);
  return out;
}
