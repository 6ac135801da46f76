import type { Meter, Tracer } from '@opentelemetry/api';
import { ConfigError, type ConfigIssue, type ModelCatalog, unknownOptionIssues } from '@switchboard/core';

/** Options of `withTelemetry` and `createTelemetry`. */
export interface TelemetryOptions {
  /** The tracer spans go to. Default: the global tracer provider's `@switchboard/otel` tracer. */
  tracer?: Tracer;
  /** The meter metrics go to. Default: the global meter provider's `@switchboard/otel` meter. */
  meter?: Meter;
  /** Record prompts and answers as span attributes (`gen_ai.input.messages`, ...). Default: false. */
  captureContent?: boolean;
  /** The endpoint the provider talks to, for `server.address` and `server.port` (only host and port are kept). */
  server?: string | URL;
  /** The catalog that prices usage for `switchboard.cost.usd`. Default: core's catalog. */
  catalog?: ModelCatalog;
}

const KNOWN_KEYS = ['tracer', 'meter', 'captureContent', 'server', 'catalog'] as const;

/** Checks the options and throws one `ConfigError` naming every problem (unknown keys with a suggestion). */
export function checkTelemetryOptions(options: unknown): TelemetryOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError({ issues: [{ path: '(root)', message: 'must be an options object' }] });
  }
  const record = options as Record<string, unknown>;
  const issues: ConfigIssue[] = unknownOptionIssues(record, KNOWN_KEYS);
  expect(record.tracer, 'tracer', 'a Tracer (with startSpan)', (v) => hasMethod(v, 'startSpan'), issues);
  expect(record.meter, 'meter', 'a Meter (with createHistogram)', (v) => hasMethod(v, 'createHistogram'), issues);
  expect(record.captureContent, 'captureContent', 'a boolean', (v) => typeof v === 'boolean', issues);
  expect(record.server, 'server', 'an absolute URL', isUrl, issues);
  expect(record.catalog, 'catalog', 'a ModelCatalog', (v) => hasMethod(v, 'get'), issues);
  if (issues.length > 0) throw new ConfigError({ issues });
  return record as TelemetryOptions;
}

function expect(
  value: unknown,
  path: string,
  what: string,
  ok: (value: unknown) => boolean,
  issues: ConfigIssue[],
): void {
  if (value !== undefined && !ok(value)) issues.push({ path, message: `must be ${what}` });
}

function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}

function isUrl(value: unknown): boolean {
  if (!(typeof value === 'string' || value instanceof URL)) return false;
  try {
    new URL(String(value));
    return true;
  } catch {
    return false;
  }
}
