import { isJsonObject } from '../vocabulary/json.js';

/** What a fault does. */
export type FaultKind =
  /** Answer with `status` (500, 502, 503, 408, 409, 429, ...) and the real error body. */
  | 'status'
  /** Reset the TCP connection without answering. */
  | 'reset'
  /** Never answer; the socket stays open until the client gives up (or the server closes). */
  | 'hang'
  /** Wait `delayMs` before sending headers, then answer normally. */
  | 'slow-headers'
  /** Answer 200 with a body that is not valid JSON (streams: a chunk that is not valid JSON). */
  | 'malformed-json'
  /** Streams: stop after `afterEvents` events without `data: [DONE]`. */
  | 'truncate-stream'
  /** Streams: send an `error` payload after `afterEvents` events, then end. */
  | 'stream-error'
  /** OpenAI `insufficient_quota` 429 (never retryable). */
  | 'insufficient-quota';

/** The logical routes faults can target (`'*'` for all). */
export type RouteName =
  | 'chat.completions'
  | 'responses.create'
  | 'responses.retrieve'
  | 'responses.delete'
  | 'realtime.client_secrets'
  | 'embeddings'
  | 'images.generations'
  | 'models.list'
  | 'models.retrieve'
  | 'files.create'
  | 'files.list'
  | 'files.retrieve'
  | 'files.delete'
  | 'files.content'
  | 'batches.create'
  | 'batches.list'
  | 'batches.retrieve'
  | 'batches.cancel';

/** One scripted fault. */
export interface FaultSpec {
  kind: FaultKind;
  /** Route to affect (default '*': every API route). */
  route?: RouteName | '*';
  /** Only requests on this surface. */
  surface?: 'openai' | 'azure';
  /** Only requests for this model (OpenAI) or deployment (Azure). */
  model?: string;
  /** For `status`: the HTTP status. Default 500. */
  status?: number;
  /** For `slow-headers`: milliseconds before headers. Default 1000. */
  delayMs?: number;
  /** For stream faults: how many SSE events are sent before the fault. Default 2. */
  afterEvents?: number;
  /** Only the next N matching requests (then the fault removes itself). Default: unlimited. */
  times?: number;
  /** Chance (0..1) that a matching request is affected. Default 1. */
  probability?: number;
  /** For `status`: a Retry-After value in seconds to send. */
  retryAfterSeconds?: number;
  /** For `status`: an `x-should-retry: true|false` header to send (the SDKs' retry override). */
  shouldRetry?: boolean;
}

/** A fault installed in the registry. */
export interface InstalledFault extends FaultSpec {
  id: string;
  /** Requests it has affected so far. */
  hits: number;
}

const KINDS = new Set<FaultKind>([
  'status',
  'reset',
  'hang',
  'slow-headers',
  'malformed-json',
  'truncate-stream',
  'stream-error',
  'insufficient-quota',
]);

/** Checks a fault spec coming from code or the control endpoint; throws a TypeError naming the problem. */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (!isJsonObject(value)) throw new TypeError('fault must be an object');
  const spec = value as Record<string, unknown>;
  if (typeof spec.kind !== 'string' || !KINDS.has(spec.kind as FaultKind)) {
    throw new TypeError(`fault.kind must be one of ${[...KINDS].join(', ')}`);
  }
  for (const key of ['status', 'delayMs', 'afterEvents', 'times', 'retryAfterSeconds'] as const) {
    const field = spec[key];
    if (field !== undefined && (typeof field !== 'number' || !Number.isInteger(field) || field < 0)) {
      throw new TypeError(`fault.${key} must be a non-negative integer`);
    }
  }
  if (spec.times !== undefined && (spec.times as number) < 1) throw new TypeError('fault.times must be at least 1');
  if (spec.status !== undefined && ((spec.status as number) < 400 || (spec.status as number) > 599)) {
    throw new TypeError('fault.status must be an HTTP error status (400-599)');
  }
  if (spec.shouldRetry !== undefined && typeof spec.shouldRetry !== 'boolean') {
    throw new TypeError('fault.shouldRetry must be a boolean');
  }
  const probability = spec.probability;
  if (probability !== undefined && (typeof probability !== 'number' || probability < 0 || probability > 1)) {
    throw new TypeError('fault.probability must be a number between 0 and 1');
  }
  for (const key of ['route', 'surface', 'model'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'string') throw new TypeError(`fault.${key} must be a string`);
  }
  if (spec.surface !== undefined && spec.surface !== 'openai' && spec.surface !== 'azure') {
    throw new TypeError("fault.surface must be 'openai' or 'azure'");
  }
  return spec as unknown as FaultSpec;
}
