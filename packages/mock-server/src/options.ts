import type { FaultSpec } from './faults/fault-spec.js';
import type { AttachRealtimeOptions } from './realtime/index.js';

/** Which service's conventions the rate limiter (and the CLI's defaults) follow. */
export type MockMode = 'openai' | 'azure';

/** Simulated generation speed. */
export interface LatencyOptions {
  /** Milliseconds before the first token (before the first content chunk of a stream, or added to a whole response). */
  timeToFirstTokenMs?: number;
  /** Milliseconds between stream chunks (non-streaming responses wait this long per generated token). */
  interChunkMs?: number;
  /** Latency for particular models or deployments (a slow model beside a fast one); unset fields fall back. */
  perModel?: Record<string, { timeToFirstTokenMs?: number; interChunkMs?: number }>;
}

/** Request and token limits for one bucket (per key and model/deployment). */
export interface LimitPair {
  /** Requests per minute (0 or undefined: unlimited). */
  rpm?: number;
  /** Tokens per minute (0 or undefined: unlimited). */
  tpm?: number;
}

/**
 * How a per-minute limit is enforced. `continuous`: a bucket holding the minute's limit, refilled continuously
 * (limit / 60 000 per ms). The others are fixed windows aligned to the clock, each allowing
 * `ceil(limit × window / 60 s)` and reset at the window's start: `per-second` (OpenAI's documented per-second
 * quanta: a whole minute's burst in one second is refused), `10s-windows` (Azure), `per-minute` (whole minutes).
 */
export type RateLimitEnforcement = 'continuous' | 'per-second' | '10s-windows' | 'per-minute';

/** Rate limiting like the real services. */
export interface RateLimitOptions extends LimitPair {
  /** `openai`: per-minute buckets refilled continuously; `azure`: the per-minute limit enforced over 10 s windows. */
  mode?: MockMode;
  /** Overrides the mode's enforcement (default: `continuous` for `openai`, `10s-windows` for `azure`). */
  enforcement?: RateLimitEnforcement;
  /** Limits for particular models or deployments, overriding the defaults above. */
  perModel?: Record<string, LimitPair>;
}

/** How fast the Batch API moves a batch through its states. */
export interface BatchOptions {
  /** Milliseconds spent in each state transition (validating → in_progress, → finalizing, → completed). Default 20. */
  stepMs?: number;
  /** Milliseconds per processed line while in_progress. Default 0. */
  lineMs?: number;
}

/** Options of `startMockServer`. */
export interface MockServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Rate limiter mode and CLI defaults; both the OpenAI and the Azure surfaces are always served. Default 'openai'. */
  mode?: MockMode;
  /** Accepted API keys (OpenAI Bearer, Azure `api-key` or Bearer token). Default: every non-empty key. */
  apiKeys?: string[];
  /** Default seed for answers when a request has none. Default 0. */
  seed?: number;
  /** Generation latency. Default: none. */
  latency?: LatencyOptions;
  /** Rate limits. Default: none. */
  rateLimits?: RateLimitOptions;
  /** Probability (0..1) that each API request fails with a 500, on top of scripted faults. Default 0. */
  faultRate?: number;
  /** Faults to install at start (same as calling `control.faults.add` for each). */
  faults?: FaultSpec[];
  /** Model ids listed by GET /v1/models. */
  models?: string[];
  /** When true, a request for a model not in `models` gets the real 404 `model_not_found`. Default false. */
  strictModels?: boolean;
  /** Azure deployments: deployment name → model name. Default: every deployment name, reported as its own model. */
  deployments?: Record<string, string>;
  /** Largest JSON request body in bytes (larger: 413). Default 32 MiB. */
  maxBodyBytes?: number;
  /** Largest uploaded file in bytes (larger: the real 400/413). Default 200 MiB, the Batch API's limit. */
  maxFileBytes?: number;
  /** Batch API speed. */
  batch?: BatchOptions;
  /** How many requests the request log keeps (oldest dropped first). Default 1000. */
  requestLogLimit?: number;
  /**
   * Extra Realtime WebSocket settings. Keys, Azure deployments, seed and latency default to the options above
   * (`timeToFirstTokenMs` → `firstDeltaMs`, `interChunkMs` → `betweenDeltasMs`).
   */
  realtime?: Omit<AttachRealtimeOptions, 'listen'>;
  /**
   * Browser origins allowed by CORS: `'*'` (default: every page may call the mock) or exact origins such as
   * `['http://localhost:5173']`. Preflights are answered on every route; requests without `Origin` get no CORS headers.
   */
  corsOrigins?: '*' | string[];
  /** Closes the server when aborted. */
  signal?: AbortSignal;
}

/** The default model list served by GET /v1/models. */
export const DEFAULT_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-5',
  'gpt-5-mini',
  'o4-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
  'text-embedding-ada-002',
  'dall-e-2',
  'dall-e-3',
  'gpt-image-1',
  'gpt-realtime',
  'gpt-4o-realtime-preview',
];
