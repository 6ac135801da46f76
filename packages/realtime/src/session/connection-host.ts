import type { SwitchboardError } from '@switchboard/core';
import type { ConnectionStateEvent } from '../events/local-events.js';

/**
 * What the connection asks of the session as sockets come and go. Frames arrive only from the current socket; the
 * steps of a drop and of the end are separate members because their order matters to listeners that run meanwhile.
 */
export interface ConnectionHost {
  /** Emits a `connection-state` event. */
  emitState(event: ConnectionStateEvent): void;
  /** A socket opened (`first`: the session's first one): send what must go first on it. */
  opened(first: boolean): void;
  /** A text frame arrived. */
  message(text: string): void;
  /** A binary frame arrived. */
  binary(size: number): void;
  /** A pong arrived. */
  pong(payload: Uint8Array): void;
  /** The heartbeat wants a ping sent. */
  ping(): void;
  /** The socket closed: deliver the frames held back from it while its state still holds. */
  releaseHeld(): void;
  /** The socket is gone; `interrupted` when the responses in flight on it are lost (it was open, not closed by us). */
  dropped(closeCode: number, failure: SwitchboardError | undefined, interrupted: boolean): void;
  /** The session is ending: forget the held frames. */
  discardHeld(): void;
  /** The session is ending: forget the events waiting to be sent. */
  discardOutgoing(): void;
  /** The session ended: fail every waiting reply with `error`. */
  failReplies(error: SwitchboardError): void;
  /** The session ended and its last event is out: end the iterators. */
  end(): void;
}
