import type { ClientSecretStore } from './transport/client-secrets.js';
import type { RealtimeRateLimit, RealtimeRateLimitSettings } from './transport/rate-limits.js';

/** Which of the three realtime URLs a connection came in on. */
export type RealtimeRoute = 'openai' | 'azure-v1' | 'azure-deployments';

/** A credential presented on an upgrade request. */
export interface RealtimeCredential {
  /** `openai` for `/v1/realtime`, `azure` for the two `/openai/...` routes. */
  provider: 'openai' | 'azure';
  /** Where the key came from: `Authorization: Bearer`, the `api-key` header, or the browser subprotocol. */
  scheme: 'bearer' | 'api-key' | 'subprotocol';
  key: string;
}

/** Delays that shape a response stream, in milliseconds. */
export interface RealtimeLatency {
  /** From `response.create` to the first delta; default 0. */
  firstDeltaMs: number;
  /** Between consecutive deltas; default 0 (each delta still yields to the event loop). */
  betweenDeltasMs: number;
}

/** Options of `attachRealtime`. */
export interface RealtimeOptions {
  /** Keys accepted on the OpenAI route (Bearer or subprotocol). Default: any non-empty key. */
  apiKeys?: readonly string[];
  /** Keys or tokens accepted on the Azure routes (`api-key` header or Bearer). Default: `apiKeys`. */
  azureApiKeys?: readonly string[];
  /** Replaces the key check entirely (for example to share the HTTP routes' key store). */
  authorize?: (credential: RealtimeCredential) => boolean;
  /**
   * Ephemeral client secrets (`ek_...`, minted by `POST /v1/realtime/client_secrets` on the mock server): a valid
   * one authenticates an upgrade whatever `apiKeys` says, and its session is the connection's first session; an
   * expired or unknown one is refused with 401. Set by `startMockServer`.
   */
  clientSecrets?: ClientSecretStore;
  /** Azure deployments that exist; others get Azure's 404 `DeploymentNotFound`. Default: every name exists. */
  azureDeployments?: readonly string[];
  /** Response stream delays. */
  latency?: Partial<RealtimeLatency>;
  /** Varies the deterministic reply text. Default 0. */
  seed?: number;
  /** Limits reported in `rate_limits.updated`. */
  rateLimits?: RealtimeRateLimitSettings;
  /** A `session.update`-shaped object applied to every new session (e.g. `{ output_modalities: ['text'] }`). */
  sessionDefaults?: Record<string, unknown>;
  /** What to do with upgrades on paths this module does not serve: leave them alone (default) or answer 404. */
  unhandledUpgrade?: 'ignore' | 'not-found';
  /** Largest client frame in bytes; bigger frames close the socket with 1009. Default 16 MiB. */
  maxPayloadBytes?: number;
  /** Client events kept per connection in the log (oldest dropped first). Default 10,000. */
  maxLoggedEvents?: number;
  /** Connections kept in the log, closed ones dropped first. Default 1,000. */
  maxLoggedConnections?: number;
  /** Called for every realtime upgrade request, accepted or not (for a shared request log). */
  onUpgrade?: (record: RealtimeUpgradeRecord) => void;
}

/** One upgrade request to a realtime route, as logged. Never contains credentials. */
export interface RealtimeUpgradeRecord {
  at: number;
  route: RealtimeRoute;
  /** The request path with its query string (the realtime URLs carry no secrets). */
  url: string;
  /** 101 when the upgrade was accepted, else the HTTP status of the refusal. */
  status: number;
  connectionId?: string;
}

/** A client event as the server received it. */
export interface RealtimeClientEventRecord {
  connectionId: string;
  receivedAt: number;
  /** The event's `type`, or `(invalid)` for a frame that is not a JSON object with a string type. */
  type: string;
  /** The parsed JSON, or the raw text when it did not parse. */
  event: unknown;
  /** False when the server ignored it: the connection was silent, or a fault dropped the socket on this event. */
  handled: boolean;
}

/** One connection, open or closed, with the client events it received. */
export interface RealtimeConnectionInfo {
  id: string;
  route: RealtimeRoute;
  /** The `model` query parameter, or the Azure `deployment`. */
  model: string;
  apiVersion?: string;
  sessionId: string;
  openedAt: number;
  closedAt?: number;
  /** The close code the server saw (1006 when the socket was torn down without a close frame). */
  closeCode?: number;
  open: boolean;
  silent: boolean;
  clientEvents: readonly RealtimeClientEventRecord[];
}

/**
 * How the server ends a connection on purpose: `destroy` (or 1006) tears the TCP socket down without a close frame
 * (clients see 1006), 1005 sends a close frame without a code, any other number sends that close code (1001, 1011,
 * 1012, 1013, 4000, ...).
 */
export type RealtimeDropMode = 'destroy' | number;

/** Options shared by the drop faults. */
export interface RealtimeDropOptions {
  /** Default `destroy`. */
  mode?: RealtimeDropMode;
  /** Close reason for a close code. */
  reason?: string;
  /** Only this connection (default: whichever connection gets there first). */
  connectionId?: string;
  /** How many drops before the fault disarms itself; default 1. */
  times?: number;
}

/** Options of `dropOnOpen`. */
export interface RealtimeOpenDropOptions extends Omit<RealtimeDropOptions, 'connectionId'> {
  /** Drop right after the upgrade, or after `session.created` was sent (default). */
  at?: 'upgrade' | 'session-created';
}

/** Options of `dropMidResponse`. */
export interface RealtimeMidResponseDropOptions extends RealtimeDropOptions {
  /** Drop after this many deltas of a response (or before its `response.done` if it has fewer); default 1. */
  afterDeltas?: number;
}

/** Options of `refuseConnections`: at least one of `count` / `forMs`, else one refusal. */
export interface RealtimeRefuseOptions {
  /** Refuse the next `count` upgrades. */
  count?: number;
  /** Refuse every upgrade for this long. */
  forMs?: number;
  /** HTTP status of the refusal; default 503. */
  status?: number;
}

/** Options of `goSilent`. */
export interface RealtimeSilenceOptions {
  /** Only this connection (default: every open connection). */
  connectionId?: string;
  /** Also start this many new connections silent (not even `session.created`). Default 0. */
  newConnections?: number;
}

/** An `error` server event to inject. */
export interface RealtimeErrorInit {
  /** Default `server_error`. */
  type?: string;
  code?: string | null;
  /** Default `The server had an error while processing your request.` */
  message?: string;
  param?: string | null;
  event_id?: string | null;
}

export type { RealtimeRateLimit, RealtimeRateLimitSettings };
