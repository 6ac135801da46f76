import { redactSecrets } from './redact.js';
import { scrubCause } from './scrub-cause.js';

/** The stable code of every error Switchboard throws. */
export type SwitchboardErrorCode =
  | 'authentication'
  | 'permission'
  | 'rate-limit'
  | 'context-length'
  | 'content-filter'
  | 'invalid-request'
  | 'not-found'
  | 'server'
  | 'network'
  | 'timeout'
  | 'parse'
  | 'circuit-open'
  | 'aborted'
  | 'config'
  | 'template'
  | 'unsupported'
  | 'queue-full'
  | 'structured-output'
  | 'tool-call';

/** How bad it is: `warning` for expected flow-control errors, `fatal` for ones that need a person. */
export type ErrorSeverity = 'warning' | 'error' | 'fatal';

/** Where the failure happened. */
export type ErrorSource = 'provider' | 'network' | 'client' | 'config' | 'resilience';

/** Fields every Switchboard error can carry. */
export interface SwitchboardErrorOptions {
  /** The human-readable message; secrets are masked before it is stored. */
  message: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Whether trying again may succeed. Defaults per error class. */
  retryable?: boolean;
  /** The provider name. */
  provider?: string;
  /** The provider's request id. */
  requestId?: string;
  /** How long the provider asked us to wait, in milliseconds. */
  retryAfterMs?: number;
  /** The provider's `x-should-retry` header, when present. */
  shouldRetry?: boolean;
  /** The severity. */
  severity?: ErrorSeverity;
  /** Where the failure happened. */
  source?: ErrorSource;
  /** The underlying error. */
  cause?: unknown;
}

const BRAND = Symbol.for('switchboard.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The base class of every error Switchboard throws: typed, JSON-serialisable and free of secrets. */
export class SwitchboardError extends Error {
  /** The stable error code. */
  readonly code: SwitchboardErrorCode;
  /** Whether trying again may succeed. */
  readonly retryable: boolean;
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The provider name. */
  readonly provider: string | undefined;
  /** The provider's request id. */
  readonly requestId: string | undefined;
  /** How long the provider asked us to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The provider's `x-should-retry` header, when present. */
  readonly shouldRetry: boolean | undefined;
  /** A unique id for this occurrence, for logs and support. */
  readonly errorId: string;
  /** When it happened (ISO 8601). */
  readonly timestamp: string;
  /** How bad it is. */
  readonly severity: ErrorSeverity;
  /** Where the failure happened. */
  readonly source: ErrorSource;

  constructor(code: SwitchboardErrorCode, options: SwitchboardErrorOptions) {
    super(
      redactSecrets(options.message),
      options.cause === undefined ? undefined : { cause: scrubCause(options.cause) },
    );
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.provider = options.provider;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    this.shouldRetry = options.shouldRetry;
    this.errorId = `err_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
    this.timestamp = new Date().toISOString();
    this.severity = options.severity ?? 'error';
    this.source = options.source ?? 'provider';
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * The code of this class's errors, which `isInstance` checks. `undefined` on the base class (any code); a subclass
   * that does not set it is recognised by its `name` instead.
   */
  static readonly code: SwitchboardErrorCode | undefined = undefined;

  /**
   * True for an error of this class, even one from another copy of this package (duplicate installs break
   * `instanceof`): checks the `Symbol.for` brand and, on a subclass, its code. `RateLimitError.isInstance(x)` narrows
   * `x` to `RateLimitError`; `SwitchboardError.isInstance(x)` matches any Switchboard error.
   */
  static isInstance<T extends abstract new (...args: never[]) => SwitchboardError>(
    this: T & { readonly code: SwitchboardErrorCode | undefined },
    value: unknown,
  ): value is InstanceType<T> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the guard is called on (`RateLimitError.isInstance`).
    const guard: { readonly code: SwitchboardErrorCode | undefined; readonly name: string } = this;
    if (!isSwitchboardError(value)) return false;
    if (guard.code !== undefined) return value.code === guard.code;
    return guard === SwitchboardError || value.name === guard.name;
  }

  /** Error-specific fields, added to `toJSON()` by subclasses. */
  protected details(): Record<string, unknown> {
    return {};
  }

  /** A plain object for logs and APIs; never contains a secret. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      provider: this.provider,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      errorId: this.errorId,
      timestamp: this.timestamp,
      severity: this.severity,
      source: this.source,
      ...this.details(),
    };
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
    // Again at output time: a secret registered after the error was made, or one inside a subclass's details.
    return redactDeep(json, 0) as Record<string, unknown>;
  }

  /** `Name: message`, masked at output time too. */
  override toString(): string {
    return redactSecrets(`${this.name}: ${this.message}`);
  }

  /**
   * What `util.inspect` and `console.log` show: the safe JSON form plus a stack without secrets. Node passes its own
   * `inspect` as the third argument, so no `node:util` import is needed (Deno and Bun honour the same symbol).
   */
  [INSPECT](_depth?: number, _options?: unknown, inspect?: (value: unknown, options?: object) => string): string {
    const stack = redactSecrets(this.stack ?? `${this.name}: ${this.message}`);
    const json = this.toJSON();
    const details =
      typeof inspect === 'function' ? inspect(json, { depth: 4, breakLength: 120 }) : JSON.stringify(json, null, 2);
    return `${stack}\n${details}`;
  }
}

/** True for any Switchboard error, even one thrown by a duplicate copy of the package (checks a `Symbol.for` brand). */
export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, depth + 1);
  return out;
}

function describeCause(cause: unknown): unknown {
  if (isSwitchboardError(cause)) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: redactSecrets(cause.message) };
  if (typeof cause === 'string') return redactSecrets(cause);
  return undefined;
}
