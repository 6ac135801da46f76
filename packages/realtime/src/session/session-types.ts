import type { SwitchboardError } from '@switchboard/core';
import type { RealtimeResponseParams } from '../events/client-events.js';

/** How the session ended. */
export interface RealtimeCloseInfo {
  /** The close code of the last connection (1000 for a normal close). */
  code: number;
  /** Its close reason. */
  reason: string;
  /** Why the session ended, when it was not closed normally. */
  error?: SwitchboardError;
}

/** Counters for monitoring and tests. */
export interface RealtimeSessionStats {
  /** Connections that opened. */
  connections: number;
  /** Connections that opened after a drop. */
  reconnects: number;
  /** Events waiting for a connection. */
  queuedEvents: number;
  /** Their size in bytes. */
  queuedBytes: number;
  /** Events written to the current socket whose delivery is not yet confirmed. */
  unconfirmedEvents: number;
}

/** Options of `sendText` and `createResponse`. */
export interface ReplyOptions {
  /** Overrides of the session settings for this response (`output_modalities`, `instructions`, ...). */
  response?: RealtimeResponseParams;
  /** Aborting cancels the response and rejects the reply with AbortedError. */
  signal?: AbortSignal;
}

/** Options of `waitFor`. */
export interface WaitForOptions<E> {
  /** Only an event that passes this test. */
  filter?: (event: E) => boolean;
  /** Rejects with AbortedError when aborted. */
  signal?: AbortSignal;
}
