/** A log method: pino's `(obj, msg)` and `(msg)` forms. */
export interface LogFn {
  (object: Record<string, unknown>, message?: string): void;
  (message: string): void;
}

/** The logger Switchboard writes to; a pino logger fits as it is. */
export interface Logger {
  /** Detail for debugging. */
  debug: LogFn;
  /** Normal events. */
  info: LogFn;
  /** Something unexpected that did not fail the call. */
  warn: LogFn;
  /** A failure. */
  error: LogFn;
}

const noop: LogFn = () => {};

/** The default logger: says nothing. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
