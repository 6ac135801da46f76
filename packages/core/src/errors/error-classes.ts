import type { RateLimitInfo } from '../types/usage.js';
import { redactSecrets } from './redact.js';
import { SwitchboardError, type SwitchboardErrorCode, type SwitchboardErrorOptions } from './switchboard-error.js';

/** Options shared by the error classes: the base options with `retryable` optional. */
export type ErrorClassOptions = Omit<SwitchboardErrorOptions, 'retryable'> & { retryable?: boolean };

/** The key or token was rejected (HTTP 401). Never retried. */
export class AuthenticationError extends SwitchboardError {
  /** The code every instance carries; `AuthenticationError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'authentication';

  constructor(options: ErrorClassOptions) {
    super('authentication', { severity: 'fatal', ...options, retryable: false });
  }
}

/** The key is valid but may not do this (HTTP 403). Never retried. */
export class PermissionError extends SwitchboardError {
  /** The code every instance carries; `PermissionError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'permission';

  constructor(options: ErrorClassOptions) {
    super('permission', { severity: 'fatal', ...options, retryable: false });
  }
}

/** Too many requests (`kind: 'rate'`, retryable) or no quota left (`kind: 'quota'`, never retryable). */
export class RateLimitError extends SwitchboardError {
  /** The code every instance carries; `RateLimitError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'rate-limit';

  /** `rate` for a per-minute limit, `quota` for `insufficient_quota` (billing). */
  readonly kind: 'rate' | 'quota';
  /** The `x-ratelimit-*` state the 429 response reported, for limiters that adapt to it. */
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(options: ErrorClassOptions & { kind?: 'rate' | 'quota'; rateLimit?: RateLimitInfo }) {
    const kind = options.kind ?? 'rate';
    super('rate-limit', {
      severity: kind === 'quota' ? 'fatal' : 'warning',
      ...options,
      retryable: kind === 'rate' && (options.retryable ?? true),
    });
    this.kind = kind;
    this.rateLimit = options.rateLimit;
  }

  protected override details(): Record<string, unknown> {
    return { kind: this.kind, rateLimit: this.rateLimit };
  }
}

/** The prompt plus the requested output does not fit the model's context window. */
export class ContextLengthError extends SwitchboardError {
  /** The code every instance carries; `ContextLengthError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'context-length';

  constructor(options: ErrorClassOptions) {
    super('context-length', { ...options, retryable: false });
  }
}

/** What a content filter said about one category. */
export interface ContentFilterCategory {
  /** Whether this category caused the block. */
  filtered: boolean;
  /** Severity, for graded categories (`safe`, `low`, `medium`, `high`). */
  severity?: string;
  /** Whether it was detected, for detection categories (jailbreak, protected material). */
  detected?: boolean;
}

/** A content filter blocked the prompt or the completion. Never retried. */
export class ContentFilterError extends SwitchboardError {
  /** The code every instance carries; `ContentFilterError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'content-filter';

  /** The categories the filter reported, by name. */
  readonly categories: Record<string, ContentFilterCategory>;

  constructor(options: ErrorClassOptions & { categories?: Record<string, ContentFilterCategory> }) {
    super('content-filter', { ...options, retryable: false });
    this.categories = options.categories ?? {};
  }

  /** The names of the categories that caused the block. */
  get filteredCategories(): string[] {
    return Object.entries(this.categories)
      .filter(([, value]) => value.filtered)
      .map(([name]) => name);
  }

  protected override details(): Record<string, unknown> {
    return { categories: this.categories };
  }
}

/** The request was malformed or had invalid parameters (HTTP 400/422). Never retried. */
export class InvalidRequestError extends SwitchboardError {
  /** The code every instance carries; `InvalidRequestError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'invalid-request';

  /** The offending parameter, when the provider named it. */
  readonly param: string | undefined;

  constructor(options: ErrorClassOptions & { param?: string }) {
    super('invalid-request', { ...options, retryable: false });
    this.param = options.param;
  }

  protected override details(): Record<string, unknown> {
    return { param: this.param };
  }
}

/** The model, deployment, file or batch does not exist (HTTP 404). Never retried. */
export class NotFoundError extends SwitchboardError {
  /** The code every instance carries; `NotFoundError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'not-found';

  constructor(options: ErrorClassOptions) {
    super('not-found', { ...options, retryable: false });
  }
}

/** The provider failed (HTTP 5xx, 408, 409). Retryable. */
export class ServerError extends SwitchboardError {
  /** The code every instance carries; `ServerError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'server';

  constructor(options: ErrorClassOptions) {
    super('server', { ...options, retryable: options.retryable ?? true });
  }
}

/** The connection failed or was reset before a complete response. Retryable. */
export class NetworkError extends SwitchboardError {
  /** The code every instance carries; `NetworkError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'network';

  constructor(options: ErrorClassOptions) {
    super('network', { source: 'network', ...options, retryable: options.retryable ?? true });
  }
}

/** Which timeout fired. */
export type TimeoutPhase = 'headers' | 'first-token' | 'idle' | 'total';

/** A timeout fired; `phase` says which one. Retryable. */
export class TimeoutError extends SwitchboardError {
  /** The code every instance carries; `TimeoutError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'timeout';

  /** Which timeout fired. */
  readonly phase: TimeoutPhase;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(
    options: Omit<ErrorClassOptions, 'message'> & { phase: TimeoutPhase; timeoutMs: number; message?: string },
  ) {
    super('timeout', {
      source: 'client',
      ...options,
      message: options.message ?? describeTimeout(options.phase, options.timeoutMs),
      retryable: options.retryable ?? true,
    });
    this.phase = options.phase;
    this.timeoutMs = options.timeoutMs;
  }

  protected override details(): Record<string, unknown> {
    return { phase: this.phase, timeoutMs: this.timeoutMs };
  }
}

function describeTimeout(phase: TimeoutPhase, ms: number): string {
  const what = {
    headers: 'waiting for the response headers',
    'first-token': 'waiting for the first token of the stream',
    idle: 'waiting for the next chunk of the stream',
    total: 'for the whole call',
  }[phase];
  return `Timed out after ${ms} ms ${what}.`;
}

/** A response could not be parsed; `excerpt` shows a short piece of what arrived. */
export class ParseError extends SwitchboardError {
  /** The code every instance carries; `ParseError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'parse';

  /** A short excerpt of the raw text, secrets masked. */
  readonly excerpt: string;

  constructor(options: ErrorClassOptions & { raw: string }) {
    const safe = redactSecrets(options.raw);
    const excerpt = safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
    super('parse', { ...options, message: `${options.message} (received: ${JSON.stringify(excerpt)})` });
    this.excerpt = excerpt;
  }

  protected override details(): Record<string, unknown> {
    return { excerpt: this.excerpt };
  }
}

/** The circuit breaker for this provider and model is open: calls fail fast until it half-opens. */
export class CircuitOpenError extends SwitchboardError {
  /** The code every instance carries; `CircuitOpenError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'circuit-open';

  /** The breaker key (provider + model or deployment). */
  readonly key: string;

  constructor(options: ErrorClassOptions & { key: string }) {
    super('circuit-open', { severity: 'warning', source: 'resilience', ...options, retryable: false });
    this.key = options.key;
  }

  protected override details(): Record<string, unknown> {
    return { key: this.key };
  }
}

/** The caller aborted the call. Never retried. */
export class AbortedError extends SwitchboardError {
  /** The code every instance carries; `AbortedError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'aborted';

  constructor(options: Partial<ErrorClassOptions> = {}) {
    super('aborted', {
      severity: 'warning',
      source: 'client',
      ...options,
      message: options.message ?? 'The call was aborted.',
      retryable: false,
    });
  }
}

/** One problem with a configuration value. */
export interface ConfigIssue {
  /** The option path, e.g. `azure.endpoint`. */
  path: string;
  /** What is wrong with it. */
  message: string;
  /** The environment variable it came from, when it came from the environment. */
  variable?: string;
}

/** The configuration is invalid; `issues` names every problem at once. */
export class ConfigError extends SwitchboardError {
  /** The code every instance carries; `ConfigError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'config';

  /** Every problem found. */
  readonly issues: ConfigIssue[];

  constructor(options: Omit<ErrorClassOptions, 'message'> & { issues: ConfigIssue[]; message?: string }) {
    super('config', {
      source: 'config',
      severity: 'fatal',
      ...options,
      message: options.message ?? formatConfigIssues(options.issues),
      retryable: false,
    });
    this.issues = options.issues;
  }

  protected override details(): Record<string, unknown> {
    return { issues: this.issues };
  }
}

function formatConfigIssues(issues: ConfigIssue[]): string {
  const lines = issues.map((i) => `  - ${i.path}${i.variable ? ` (from ${i.variable})` : ''}: ${i.message}`);
  return `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

/** The provider does not support this operation or option. */
export class UnsupportedError extends SwitchboardError {
  /** The code every instance carries; `UnsupportedError.isInstance` checks it. */
  static override readonly code: SwitchboardErrorCode = 'unsupported';

  constructor(options: ErrorClassOptions) {
    super('unsupported', { source: 'client', ...options, retryable: false });
  }
}
