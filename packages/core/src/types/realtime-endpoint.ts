import type { CallOptions } from './call-options.js';

/** How to open a realtime WebSocket for one model. */
export interface RealtimeConnectionInfo {
  /** The `wss://` URL; it never contains a key. */
  url: string;
  /** Headers for the upgrade request (auth goes here). */
  headers: Record<string, string>;
  /** WebSocket subprotocols, when the provider needs them. */
  protocols?: string[];
  /** The model id or deployment name the URL points at. */
  model: string;
}

/** A provider's realtime endpoint: resolves a logical model to connection details (keys may rotate, so it is async). */
export interface RealtimeEndpoint {
  /** The provider name. */
  readonly provider: string;
  /** Resolves connection details for a logical model. */
  resolve(model: string, options?: CallOptions): Promise<RealtimeConnectionInfo>;
}
