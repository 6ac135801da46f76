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
