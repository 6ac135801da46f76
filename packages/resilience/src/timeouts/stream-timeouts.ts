import { type ChatStreamPart, withStreamTimeouts } from '@switchboard/core';

/** Per-attempt stream timeouts. */
export interface StreamTimeouts {
  /** Time allowed until the first output event. */
  firstTokenMs?: number;
  /** Time allowed between two output events, once output has begun. */
  idleMs?: number;
  /** Whether keep-alive parts (SSE comments) restart the idle timer. Default `false`. */
  keepAliveResetsIdle?: boolean;
}

/**
 * Opens one stream attempt's parts under first-token and idle timeouts, whatever the provider does with them, using
 * core's `withStreamTimeouts` (the first-token timeout governs until the first output event, the idle timeout only
 * between output events). `signal` is the enclosing stream's, so aborting that closes the attempt too.
 */
export function openTimedParts(
  open: (signal: AbortSignal) => AsyncIterable<ChatStreamPart>,
  timeouts: StreamTimeouts,
  signal: AbortSignal,
  provider: string,
): AsyncIterable<ChatStreamPart> {
  if (timeouts.firstTokenMs === undefined && timeouts.idleMs === undefined) return open(signal);
  return withStreamTimeouts(
    open,
    {
      provider,
      ...(timeouts.firstTokenMs === undefined ? {} : { firstTokenTimeoutMs: timeouts.firstTokenMs }),
      ...(timeouts.idleMs === undefined ? {} : { idleTimeoutMs: timeouts.idleMs }),
      ...(timeouts.keepAliveResetsIdle === undefined ? {} : { keepAliveResetsIdle: timeouts.keepAliveResetsIdle }),
    },
    signal,
  );
}
