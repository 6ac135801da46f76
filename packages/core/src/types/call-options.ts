/** Per-call options every provider method accepts. */
export interface CallOptions {
  /** Cancels the call; a stream closes its socket. */
  signal?: AbortSignal;
  /** Time allowed for the response headers, in milliseconds. */
  timeoutMs?: number;
  /** Streams: time allowed from the request to the first output event, in milliseconds. */
  firstTokenTimeoutMs?: number;
  /** Streams: time allowed between two chunks, in milliseconds. */
  idleTimeoutMs?: number;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  /** Caller data passed to hooks and middleware; never sent to the provider. */
  metadata?: Record<string, unknown>;
}

/** The keys of `CallOptions`, for helpers that take call options and request fields in one object. */
export const CALL_OPTION_KEYS = [
  'signal',
  'timeoutMs',
  'firstTokenTimeoutMs',
  'idleTimeoutMs',
  'headers',
  'metadata',
] as const satisfies readonly (keyof CallOptions)[];

/**
 * Splits an options object into its `CallOptions` and the rest (a copy; the input is not changed). Keys whose value
 * is undefined are left out of both.
 */
export function splitCallOptions(options: object): { callOptions: CallOptions; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = { ...options };
  const callOptions: Record<string, unknown> = {};
  for (const key of CALL_OPTION_KEYS) {
    if (rest[key] !== undefined) callOptions[key] = rest[key];
    delete rest[key];
  }
  return { callOptions: callOptions as CallOptions, rest };
}
