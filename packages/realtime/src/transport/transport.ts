import type { SwitchboardError } from '@switchboard/core';

/** Where and how to open one WebSocket. */
export interface TransportTarget {
  /** `ws:` / `wss:` URL (never with a key in it). */
  url: string;
  /** Upgrade request headers (auth). */
  headers: Record<string, string>;
  /** Subprotocols to offer. */
  protocols?: string[];
  /** The provider name, for errors. */
  provider?: string;
}

/** How the connection ended. */
export interface TransportClose {
  /** The close code (1006 when the socket went away without a close frame). */
  code: number;
  /** The close reason. */
  reason: string;
  /** Why it failed, when it failed (a refused upgrade, a network error). */
  error?: SwitchboardError;
}

/** What a transport reports. `close` is called exactly once per transport, `open` at most once before it. */
export interface TransportEvents {
  /** The handshake succeeded. */
  open(): void;
  /** A text frame arrived. */
  message(text: string): void;
  /** A binary frame arrived (the Realtime API does not send any). */
  binary(size: number): void;
  /** A pong arrived with the ping's payload. */
  pong(payload: Uint8Array): void;
  /** The connection ended (or never opened). */
  close(info: TransportClose): void;
}

/** One WebSocket, behind the few operations the session needs. */
export interface RealtimeTransport {
  /** Whether `ping` works (browsers' WebSocket has no ping). */
  readonly canPing: boolean;
  /** Sends a text frame; false when the socket is not open. */
  send(text: string): boolean;
  /** Sends a ping with a payload of at most 125 bytes. */
  ping(payload: Uint8Array): void;
  /** Starts a closing handshake. */
  close(code: number, reason: string): void;
  /** Drops the socket at once; `close` follows with code 1006. */
  terminate(): void;
}

/** Opens a transport; must not throw for network problems (they arrive through `events.close`). */
export interface TransportFactory {
  (target: TransportTarget, events: TransportEvents): RealtimeTransport;
  /**
   * False when the socket cannot send upgrade headers (the platform WebSocket): the endpoint then puts auth in the
   * documented subprotocols instead. Default true.
   */
  readonly canSendHeaders?: boolean;
}
