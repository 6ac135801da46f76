import { ChatStream } from '@switchboard/core';

/** Per-attempt stream timeouts. */
export interface StreamTimeouts {
  /** Time allowed until the first output event. */
  firstTokenMs?: number;
  /** Time allowed between two events. */
  idleMs?: number;
}

/**
 * Opens one stream attempt under first-token and idle timeouts, whatever the provider does with them: the attempt is
 * wrapped in a core `ChatStream` whose timers abort it with a `TimeoutError` (`first-token` or `idle`). `signal` is
 * the enclosing stream's, so aborting that closes the attempt too.
 */
export function openTimedStream(
  open: (signal: AbortSignal) => ChatStream,
  timeouts: StreamTimeouts,
  signal: AbortSignal,
  provider: string,
): ChatStream {
  if (timeouts.firstTokenMs === undefined && timeouts.idleMs === undefined) return open(signal);
  return new ChatStream((attemptSignal) => open(attemptSignal), {
    signal,
    provider,
    ...(timeouts.firstTokenMs === undefined ? {} : { firstTokenTimeoutMs: timeouts.firstTokenMs }),
    ...(timeouts.idleMs === undefined ? {} : { idleTimeoutMs: timeouts.idleMs }),
  });
}
