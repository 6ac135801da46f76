import { NetworkError, type SwitchboardError } from '@switchboard/core';
import type { RealtimeCloseInfo } from '../session/session-types.js';
import type { TransportClose } from '../transport/transport.js';
import { describeCloseCode, isReconnectableClose, NORMAL_CLOSURE } from './close-codes.js';

/** What a dropped socket means for the session. */
export type DropOutcome =
  /** The session ends with `info`; waiting replies fail with `info.error`, else `pendingError`. */
  | { end: RealtimeCloseInfo; pendingError?: SwitchboardError }
  /** The session reconnects (attempts permitting) after `error`. */
  | { retry: SwitchboardError };

/**
 * Decides whether a socket that closed on its own (not by `close()`) ends the session or is worth reconnecting.
 * A normal close or a non-reconnectable code from an open socket is the server's decision and ends the session;
 * otherwise the failure (or a NetworkError made from the close code) decides by being retryable or not.
 */
export function classifyDrop(
  close: Pick<TransportClose, 'code' | 'reason'>,
  failure: SwitchboardError | undefined,
  wasOpen: boolean,
  provider: string,
): DropOutcome {
  const { code, reason } = close;
  const detail = `${describeCloseCode(code)}${reason ? `: ${reason}` : ''}`;
  if (wasOpen && !failure && code === NORMAL_CLOSURE) {
    const ended = new NetworkError({
      message: `The realtime server ended the session (${describeCloseCode(code)}).`,
      provider,
      retryable: false,
    });
    return { end: { code, reason }, pendingError: ended };
  }
  if (wasOpen && !failure && !isReconnectableClose(code)) {
    const error = new NetworkError({
      message: `The realtime server closed the connection with ${detail}.`,
      provider,
      retryable: false,
    });
    return { end: { code, reason, error } };
  }
  const error = failure ?? new NetworkError({ message: `The realtime connection closed with ${detail}.`, provider });
  if (!error.retryable) return { end: { code, reason, error } };
  return { retry: error };
}
