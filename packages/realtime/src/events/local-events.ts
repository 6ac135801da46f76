import type { SwitchboardError } from '@switchboard/core';
import type { ResponseInterruptedError } from '../errors/response-interrupted-error.js';
import type { RawServerEvent } from './raw-server-event.js';
import type { RealtimeServerEvent } from './server-events.js';

/** Where the connection is: `connecting` (first attempt), `open`, `reconnecting` (after a drop), `closed` (final). */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The connection changed state (or, while `reconnecting`, scheduled its next attempt). */
export interface ConnectionStateEvent {
  /** Always `connection-state`. */
  type: 'connection-state';
  /** The new state. */
  state: ConnectionState;
  /** The state before. */
  previous: ConnectionState;
  /** `reconnecting`: the attempt about to be made (1 = the first retry); otherwise the attempts made so far. */
  attempt: number;
  /** `reconnecting`: how long until the attempt, in milliseconds (0 for the first retry). */
  delayMs?: number;
  /** The close code of the connection that ended, when one did. */
  closeCode?: number;
  /** Its close reason. */
  closeReason?: string;
  /** Why the previous connection or attempt failed; on `closed`, why the session ended (absent for a normal close). */
  error?: SwitchboardError;
}

/** A response was in progress when the connection dropped; it will never finish. */
export interface ResponseInterruptedEvent {
  /** Always `response-interrupted`. */
  type: 'response-interrupted';
  /** The response id, when the server had announced it. */
  responseId?: string;
  /** The typed error its helpers reject with. */
  error: ResponseInterruptedError;
}

/** A tool handler ran (see the `tools` option) and its output was sent back to the model. */
export interface ToolResultEvent {
  /** Always `tool-result`. */
  type: 'tool-result';
  /** The call id. */
  callId: string;
  /** The tool name. */
  name: string;
  /** The arguments as the model sent them (JSON text). */
  arguments: string;
  /** The output sent back (JSON text, or the string the handler returned). */
  output: string;
  /** What the handler threw (the output then carries `{ "error": message }`). */
  error?: unknown;
}

/** Events the session itself produces, named in kebab-case so they never collide with the API's event names. */
export type RealtimeLocalEvent = ConnectionStateEvent | ResponseInterruptedEvent | ToolResultEvent;

/** Everything a session delivers: validated server events, raw server events, and its own events. */
export type RealtimeSessionEvent = RealtimeServerEvent | RawServerEvent | RealtimeLocalEvent;

/** The `type` of every event a session can deliver. */
export type RealtimeSessionEventType = RealtimeSessionEvent['type'];

/** The event delivered for `type`: the matching event, or a raw event for a type this package does not know. */
export type RealtimeEventOf<T extends string> = T extends '*'
  ? RealtimeSessionEvent
  : T extends RealtimeSessionEventType
    ? Extract<RealtimeSessionEvent, { type: T }>
    : RawServerEvent;
