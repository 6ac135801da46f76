import {
  AbortedError,
  type CallOptions,
  ConfigError,
  type Provider,
  toSwitchboardError,
  UnsupportedError,
  unknownOptionIssues,
} from '@switchboard/core';
import { linkSignals } from '@switchboard/core/utils';
import { type Job, Worker } from 'bullmq';
import { serializeResultRecord } from '../checkpoint/result-record.js';
import { ATTEMPTS_METADATA_KEY, type AttemptCounter, prepareProvider } from '../run/prepare-provider.js';
import { resultCost } from '../run/result-cost.js';
import type { BatchResult } from '../types/batch-result.js';
import type { BatchWorkerOptions } from './distributed-options.js';
import type { QueuedRequest } from './enqueue-batch.js';
import { openConnection } from './queue-connection.js';
import { DEFAULT_QUEUE_NAME, jobKeys } from './queue-keys.js';
import { type RecordedOutcome, resultStore } from './record-result.js';

/** A running worker. */
export interface BatchWorker {
  /**
   * Stops taking requests. By default the requests in flight finish and are recorded first; with `force` they are
   * abandoned and handed to another worker once their lock expires.
   */
  close(options?: { force?: boolean }): Promise<void>;
  /** Resolves when the worker has stopped (after `close()` or a stop signal). */
  readonly closed: Promise<void>;
}

const KNOWN = [
  'connection',
  'queueName',
  'prefix',
  'concurrency',
  'rateLimiter',
  'retry',
  'resilience',
  'callOptions',
  'catalog',
  'lockDurationMs',
  'stalledIntervalMs',
  'stopOnSignals',
];

/**
 * Starts a worker that takes requests of any batch job from the queue and sends them through `provider` with the
 * same resilience policy as `runBatch` (retries of retryable failures only; the queue never retries a request
 * itself). Each result is recorded once, atomically, by customId. Any number of workers in any number of processes
 * and machines can run; a worker killed mid-request has its request taken over by another once the lock expires
 * (stalled-job detection), and that request may reach the provider twice (counted as `redelivered`).
 */
export function startBatchWorker(provider: Provider, options: BatchWorkerOptions): BatchWorker {
  checkWorkerOptions(options);
  const called = prepareProvider(provider, options);
  const redis = openConnection(options.connection);
  const stopping = new AbortController();

  const store = resultStore(redis);
  const cancelStates = new CancelStates();

  const processRequest = async (job: Job<QueuedRequest>): Promise<void> => {
    const { item, hash, jobId, prefix } = job.data;
    const keys = jobKeys(prefix, jobId);
    const redelivered = (job.stalledCounter ?? 0) > 0;
    // One round trip before the call only when needed: a redelivered request may have its result already (and is
    // counted), and a job this worker has not heard of lately may have been cancelled. Otherwise the answer of the
    // last recording (which reads the cancel flag too) stands, so a busy worker costs one round trip per request.
    let cancelRequested = cancelStates.get(keys.meta);
    if (redelivered || cancelRequested === undefined) {
      const checked = await store.check(keys, item.customId, redelivered);
      cancelStates.set(keys.meta, checked.cancelRequested);
      if (checked.recorded) return;
      cancelRequested = checked.cancelRequested;
    }
    let result: BatchResult;
    let outcome: RecordedOutcome;
    if (cancelRequested) {
      result = failure(item.customId, new AbortedError({ message: 'The batch job was cancelled.' }), 0, 0);
      result.batchOutcome = 'cancelled';
      outcome = 'cancelled';
    } else {
      result = await send(item, options, called);
      outcome = result.ok ? 'succeeded' : 'failed';
    }
    if (stopping.signal.aborted && !result.ok && result.error.code === 'aborted') {
      // Forced stop mid-call: no result; the request goes back to the queue when its lock expires.
      throw result.error;
    }
    const recorded = await store.record(
      keys,
      item.customId,
      serializeResultRecord(result, hash),
      outcome,
      result.costUsd,
    );
    cancelStates.set(keys.meta, recorded.cancelRequested);
  };

  const send = async (
    item: QueuedRequest['item'],
    settings: BatchWorkerOptions,
    target: Provider,
  ): Promise<BatchResult> => {
    const counter: AttemptCounter = { attempts: 0 };
    // A signal per call, linked to the worker's through core's `linkSignals`: one listener on the long-lived signal
    // however many calls run at once (no MaxListenersExceededWarning at any concurrency).
    const call = linkSignals(stopping.signal);
    const callOptions: CallOptions = {
      ...settings.callOptions,
      signal: call.signal,
      metadata: { ...settings.callOptions?.metadata, customId: item.customId, [ATTEMPTS_METADATA_KEY]: counter },
    };
    const started = performance.now();
    try {
      if (item.kind === 'embedding') {
        if (!target.embed) throw new UnsupportedError({ message: `${target.name} has no embeddings.` });
        const embedding = await target.embed(item.request, callOptions);
        return success(item.customId, started, counter, { embedding }, item.request.model, settings);
      }
      const chat = await target.chat(item.request, callOptions);
      return success(item.customId, started, counter, { chat }, item.request.model, settings);
    } catch (error) {
      return failure(
        item.customId,
        toSwitchboardError(error, target.name),
        performance.now() - started,
        counter.attempts,
      );
    } finally {
      call.dispose();
    }
  };

  const worker = new Worker<QueuedRequest>(options.queueName ?? DEFAULT_QUEUE_NAME, processRequest, {
    connection: openConnection(options.connection),
    concurrency: options.concurrency ?? 8,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    maxStalledCount: 1_000,
  });
  worker.on('error', () => {});

  let closing: Promise<void> | undefined;
  const signals = options.stopOnSignals ?? ['SIGTERM', 'SIGINT'];
  const onSignal = () => void close();
  const close = (closeOptions: { force?: boolean } = {}): Promise<void> => {
    if (closeOptions.force) stopping.abort();
    closing ??= (async () => {
      for (const signal of signals) process.off(signal, onSignal);
      await worker.close(closeOptions.force ?? false);
      await worker.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    })();
    return closing;
  };
  for (const signal of signals) process.once(signal, onSignal);
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  worker.on('closed', () => resolveClosed());
  return { close, closed };
}

function success(
  customId: string,
  started: number,
  counter: AttemptCounter,
  response: Pick<Extract<BatchResult, { ok: true }>, 'chat' | 'embedding'>,
  model: string,
  options: BatchWorkerOptions,
): BatchResult {
  return {
    customId,
    source: 'run',
    ok: true,
    latencyMs: performance.now() - started,
    attempts: counter.attempts,
    ...response,
    costUsd: resultCost(model, response, options.catalog ? { catalog: options.catalog } : {}),
  };
}

function failure(
  customId: string,
  error: ReturnType<typeof toSwitchboardError>,
  latencyMs: number,
  attempts: number,
): Extract<BatchResult, { ok: false }> {
  return { customId, source: 'run', ok: false, error, latencyMs, attempts, costUsd: 0 };
}

function checkWorkerOptions(options: BatchWorkerOptions): void {
  const issues: { path: string; message: string }[] = unknownOptionIssues(options ?? {}, KNOWN);
  if (!options?.connection)
    issues.push({ path: 'connection', message: 'is required (a redis:// URL, options or client)' });
  for (const name of ['concurrency', 'lockDurationMs', 'stalledIntervalMs'] as const) {
    const value = options?.[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      issues.push({ path: name, message: 'must be a positive whole number' });
    }
  }
  if (issues.length > 0) throw new ConfigError({ issues });
}

/**
 * How long a worker trusts what it last heard of a job's cancel flag, in ms, before it asks again. Every recorded
 * result refreshes it, so a busy worker never asks separately; a cancellation reaches it with its next recording or
 * after this long.
 */
const CANCEL_STATE_TTL_MS = 1_000;
/** Jobs whose cancel flag a worker remembers at most (the oldest is forgotten first). */
const CANCEL_STATES_KEPT = 256;

/** The last cancel flag seen per batch job (by its meta key), while fresh. */
class CancelStates {
  readonly #states = new Map<string, { cancelRequested: boolean; at: number }>();

  get(key: string): boolean | undefined {
    const state = this.#states.get(key);
    return state && performance.now() - state.at <= CANCEL_STATE_TTL_MS ? state.cancelRequested : undefined;
  }

  set(key: string, cancelRequested: boolean): void {
    this.#states.delete(key);
    this.#states.set(key, { cancelRequested, at: performance.now() });
    if (this.#states.size > CANCEL_STATES_KEPT) this.#states.delete(this.#states.keys().next().value as string);
  }
}
