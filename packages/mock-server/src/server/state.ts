import type { BatchRecord } from '../batches/batch-record.js';
import { PromptCache } from '../chat/prompt-cache.js';
import { FaultRegistry } from '../faults/fault-registry.js';
import { FileStore } from '../files/file-store.js';
import type { CorsOrigins } from '../http/cors.js';
import { DEFAULT_MODELS, type LatencyOptions, type MockServerOptions } from '../options.js';
import { RateLimiter } from '../rate-limits/rate-limiter.js';
import { ClientSecretStore } from '../realtime/transport/client-secrets.js';
import { ResponseStore } from '../responses/response-store.js';
import { IdGenerator } from '../vocabulary/ids.js';
import { BlobStore } from './blob-store.js';
import { RequestLog } from './request-log.js';
import { Sleeper } from './sleeper.js';

/** Generation delays in force. */
export interface Latency {
  timeToFirstTokenMs: number;
  interChunkMs: number;
  perModel: LatencyOptions['perModel'];
}

/** The delays for one model or deployment (its own entry, falling back to the defaults). */
export function latencyFor(
  state: MockState,
  model: string | undefined,
): { timeToFirstTokenMs: number; interChunkMs: number } {
  const specific = model === undefined ? undefined : state.latency.perModel?.[model];
  if (!specific) return state.latency;
  return {
    timeToFirstTokenMs: specific.timeToFirstTokenMs ?? state.latency.timeToFirstTokenMs,
    interChunkMs: specific.interChunkMs ?? state.latency.interChunkMs,
  };
}

/** Everything the routes share: settings, limiter, faults, log, stores, timers. */
export interface MockState {
  /** `http://127.0.0.1:PORT`, set once listening (image URLs point here). */
  origin: string;
  seed: number;
  latency: Latency;
  models: string[];
  strictModels: boolean;
  deployments: Record<string, string> | undefined;
  apiKeys: Set<string> | undefined;
  maxBodyBytes: number;
  maxFileBytes: number;
  batch: { stepMs: number; lineMs: number };
  limiter: RateLimiter;
  faults: FaultRegistry;
  log: RequestLog;
  ids: IdGenerator;
  sleeper: Sleeper;
  /** Generated images served at /mock-files/images/{name}.png. */
  images: BlobStore;
  /** Simulated automatic prompt caching (cached_tokens). */
  promptCache: PromptCache;
  /** Files API store. */
  files: FileStore;
  /** Batches by id, in creation order. */
  batches: Map<string, BatchRecord>;
  /** Stored Responses API responses (`previous_response_id`, retrieval). */
  responses: ResponseStore;
  /** Ephemeral realtime client secrets (`ek_...`), shared with the WebSocket upgrade's authentication. */
  clientSecrets: ClientSecretStore;
  /** Origins allowed by CORS. */
  corsOrigins: CorsOrigins;
}

/** Builds the shared state from the options (defaults applied). */
export function createState(options: MockServerOptions): MockState {
  const seed = options.seed ?? 0;
  const faults = new FaultRegistry(seed, options.faultRate ?? 0);
  for (const spec of options.faults ?? []) faults.add(spec);
  const ids = new IdGenerator();
  return {
    origin: '',
    seed,
    latency: {
      timeToFirstTokenMs: options.latency?.timeToFirstTokenMs ?? 0,
      interChunkMs: options.latency?.interChunkMs ?? 0,
      perModel: options.latency?.perModel,
    },
    models: options.models ?? DEFAULT_MODELS,
    strictModels: options.strictModels ?? false,
    deployments: options.deployments,
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    maxFileBytes: options.maxFileBytes ?? 200 * 1024 * 1024,
    batch: { stepMs: options.batch?.stepMs ?? 20, lineMs: options.batch?.lineMs ?? 0 },
    limiter: new RateLimiter({ ...options.rateLimits, mode: options.rateLimits?.mode ?? options.mode ?? 'openai' }),
    faults,
    log: new RequestLog(options.requestLogLimit ?? 1000),
    ids,
    sleeper: new Sleeper(),
    images: new BlobStore(256),
    promptCache: new PromptCache(),
    files: new FileStore(ids),
    batches: new Map(),
    responses: new ResponseStore(),
    clientSecrets: new ClientSecretStore(),
    corsOrigins: options.corsOrigins ?? '*',
  };
}
