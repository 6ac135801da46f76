import type { CallOptions } from './call-options.js';

/** How to open a realtime WebSocket for one model. */
export interface RealtimeConnectionInfo {
  /** The `wss://` URL; it never contains a key. */
  url: string;
  /** Headers for the upgrade request (auth goes here); empty when auth travels in `protocols`. */
  headers: Record<string, string>;
  /** WebSocket subprotocols, when the provider needs them (or carries auth in them). */
  protocols?: string[];
  /** The model id or deployment name the URL points at. */
  model: string;
}

/** Per-connection options of `RealtimeEndpoint.resolve`. */
export interface RealtimeResolveOptions extends CallOptions {
  /**
   * Where the socket can carry auth: `headers` (Node's `ws`) or `subprotocols` (the platform WebSocket of browsers,
   * workers, Deno and Bun, which cannot set headers). Default `headers`.
   */
  auth?: 'headers' | 'subprotocols';
  /** A short-lived client secret to authenticate with instead of the provider's key (implies `subprotocols`). */
  clientSecret?: string;
}

/** What `createClientSecret` mints. */
export interface RealtimeClientSecretRequest {
  /** The logical model the secret's sessions use (mapped like any call: a model id or an Azure deployment). */
  model: string;
  /** Lifetime in seconds (the service accepts 10 to 7200; its default is 600). */
  expiresAfterSeconds?: number;
  /** Session configuration every connection opened with the secret starts with (`type` and `model` are filled in). */
  session?: Record<string, unknown>;
}

/**
 * A short-lived client secret, safe to hand to a browser: the secret itself, when it stops opening sessions, and where
 * to connect (the URL has no key in it). Plain JSON, so a server can send it as is.
 */
export interface RealtimeClientSecret {
  /** The secret (`ek_...`), offered as the `openai-insecure-api-key.<secret>` subprotocol. */
  value: string;
  /** When it expires, in seconds since the epoch. */
  expiresAt: number;
  /** The realtime `wss://` URL for the model. */
  url: string;
  /** The model id or deployment name. */
  model: string;
  /** The provider name. */
  provider: string;
  /** The effective session the service returned. */
  session?: Record<string, unknown>;
}

/** A provider's realtime endpoint: resolves a logical model to connection details (keys may rotate, so it is async). */
export interface RealtimeEndpoint {
  /** The provider name. */
  readonly provider: string;
  /** Resolves connection details for a logical model. */
  resolve(model: string, options?: RealtimeResolveOptions): Promise<RealtimeConnectionInfo>;
  /**
   * Server side: mints a short-lived client secret (OpenAI `POST /v1/realtime/client_secrets`, Azure's
   * `/openai/v1/realtime/client_secrets`) with the provider's own key, for a browser to open a session with.
   */
  createClientSecret?(request: RealtimeClientSecretRequest, options?: CallOptions): Promise<RealtimeClientSecret>;
}
