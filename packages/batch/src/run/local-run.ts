import {
  AbortedError,
  batchOptionsSchema,
  type CallOptions,
  InvalidRequestError,
  type Provider,
  parseConfig,
  toSwitchboardError,
  UnsupportedError,
} from '@switchboard/core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { CheckpointError } from '../errors/checkpoint-error.js';
import { batchPlatform } from '../platform/batch-platform.js';
import type { BatchInput, BatchRequest } from '../types/batch-request.js';
import type { BatchResult } from '../types/batch-result.js';
import type { BatchSummary } from './batch-run-types.js';
import type { LocalRunOptions } from './local-run-options.js';
import { OrderingBuffer } from './ordering-buffer.js';
import { ATTEMPTS_METADATA_KEY, type AttemptCounter, prepareProvider } from './prepare-provider.js';
import type { ProgressTracker } from './progress.js';
import { resultCost } from './result-cost.js';
import { validateBatchRequest } from './validate-request.js';
import { WakeSignal } from './wake-signal.js';

interface PendingItem {
  item: BatchRequest;
  hash: string;
}

/** Reports from the engine to the run object. */
export interface RunObserver {
  tracker: ProgressTracker;
  onSummary(summary: BatchSummary): void;
}

/**
 * The local engine: pulls requests from the input only as fast as they can be sent (bounded concurrency, and in
 * input order a bounded number of results held back), skips what the checkpoint has, saves each finished result
 * before delivering it, and stops cleanly on abort or when the consumer stops reading.
 */
export async function* localRun(
  baseProvider: Provider,
  input: BatchInput,
  options: LocalRunOptions,
  observer: RunObserver,
): AsyncGenerator<BatchResult> {
  const settings = parseConfig(batchOptionsSchema, {
    concurrency: options.concurrency,
    order: options.order,
    checkpoint: options.checkpoint,
    checkpointDurability: options.checkpointDurability,
    replayCheckpoint: options.replayCheckpoint,
    rerunFailed: options.rerunFailed,
    maxHeldResults: options.maxHeldResults,
    progressIntervalMs: options.progressIntervalMs,
  });
  const provider = prepareProvider(baseProvider, options);
  const maxHeld = settings.maxHeldResults ?? Math.max(64, settings.concurrency * 4);
  const { tracker } = observer;
  const controller = new AbortController();
  // Checkpoint files need the Node entry; fail before reading any input when it is missing.
  const files = settings.checkpoint ? batchPlatform('A checkpoint file', 'checkpoint') : undefined;
  // Calls in flight, each with a signal of its own (some clients, the OpenAI SDK among them, never remove the abort
  // listener they add, so a shared signal would collect thousands); the run's signal has one listener for all.
  const inFlight = new Set<AbortController>();
  controller.signal.addEventListener('abort', () => {
    for (const call of inFlight) call.abort(controller.signal.reason);
  });
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const iterator = toAsyncIterator(input);
  if (Array.isArray(input)) tracker.total = input.length;
  const seen = new Set<string>();
  let position = 0;
  const nextItem = async (): Promise<PendingItem | undefined> => {
    const next = await iterator.next();
    if (next.done) return undefined;
    const item = validateBatchRequest(next.value, position);
    position += 1;
    if (seen.has(item.customId)) {
      throw new InvalidRequestError({
        message: `Batch input: customId "${item.customId}" appears more than once.`,
        source: 'client',
      });
    }
    seen.add(item.customId);
    if (item.kind === 'embedding' && !provider.embed) {
      throw new UnsupportedError({
        message: `The ${provider.name} provider cannot embed (customId ${item.customId}).`,
        provider: provider.name,
      });
    }
    return { item, hash: files ? files.hashRequest(item) : '' };
  };

  const checkpointPath = settings.checkpoint;
  const prefix: PendingItem[] = [];
  let checkpoint: CheckpointStore | undefined;
  const buffer = new OrderingBuffer<BatchResult>(settings.order);
  const tasks = new Set<Promise<void>>();
  const writes = new Set<Promise<void>>();
  const wake = new WakeSignal();
  let inputDone = false;
  let fatal: unknown;
  let stopped = false;
  let lastProgress = Number.NEGATIVE_INFINITY;
  const failedIds: string[] = [];

  const emitProgress = (force: boolean) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < settings.progressIntervalMs) return;
    lastProgress = now;
    options.onProgress(tracker.snapshot());
  };

  const settle = (sequence: number, result: BatchResult) => {
    buffer.push(sequence, result);
    tracker.record(result);
    if (!result.ok && result.source === 'run') failedIds.push(result.customId);
  };

  const runOne = async (pending: PendingItem): Promise<BatchResult | undefined> => {
    const { item } = pending;
    const counter: AttemptCounter = { attempts: 0 };
    const callController = new AbortController();
    inFlight.add(callController);
    const callOptions: CallOptions = {
      ...options.callOptions,
      signal: callController.signal,
      metadata: { ...options.callOptions?.metadata, customId: item.customId, [ATTEMPTS_METADATA_KEY]: counter },
    };
    const started = performance.now();
    let result: BatchResult;
    try {
      const response =
        item.kind === 'embedding'
          ? { embedding: await (provider.embed as NonNullable<Provider['embed']>)(item.request, callOptions) }
          : { chat: await provider.chat(item.request, callOptions) };
      result = {
        ...common(item, started, counter),
        ok: true,
        ...response,
        costUsd: resultCost(item.request.model, response, { catalog: options.catalog }),
      };
    } catch (error) {
      // A call cancelled because the run stopped has no result: it runs again next time.
      if (controller.signal.aborted) return undefined;
      result = { ...common(item, started, counter), ok: false, error: toSwitchboardError(error, provider.name) };
    } finally {
      inFlight.delete(callController);
    }
    return result;
  };

  // A finished call gives its concurrency slot back at once; its result is delivered once it is saved, and
  // saves run group-committed in the background, so the checkpoint's fsync never holds a slot.
  const save = (sequence: number, result: BatchResult, hash: string) => {
    if (!checkpoint) {
      settle(sequence, result);
      return;
    }
    const write = checkpoint
      .append(result, hash)
      .then(
        () => settle(sequence, result),
        (error: unknown) => {
          fatal ??= error;
          controller.abort(error);
        },
      )
      .finally(() => {
        writes.delete(write);
        wake.notify();
      });
    writes.add(write);
  };

  try {
    if (checkpointPath && files) {
      const fingerprint = files.createFingerprint();
      while (!fingerprint.complete) {
        const pending = await nextItem();
        if (!pending) break;
        fingerprint.add(pending.item, pending.hash);
        prefix.push(pending);
      }
      checkpoint = await files.openCheckpoint(checkpointPath, {
        fingerprint: fingerprint.digest(),
        durability: settings.checkpointDurability,
      });
    }
    let sequence = 0;
    while (true) {
      // Start as much work as the limits allow. Results waiting for their checkpoint write count against a second
      // budget of the same size, so a slow disk slows the run down instead of piling up results a crash would lose.
      while (
        !inputDone &&
        !controller.signal.aborted &&
        tracker.inFlight < settings.concurrency &&
        writes.size < settings.concurrency
      ) {
        if (settings.order === 'input' && sequence - buffer.released >= maxHeld) break;
        // Results replayed from a checkpoint are ready at once: hand them out before reading further.
        if (buffer.readyCount >= maxHeld) break;
        const pending = prefix.shift() ?? (await nextItem());
        if (!pending) {
          inputDone = true;
          tracker.total = sequence;
          break;
        }
        const current = sequence;
        sequence += 1;
        const saved = checkpoint?.get(pending.item.customId);
        if (saved && checkpoint) {
          if (saved.requestHash !== pending.hash) {
            throw new CheckpointError({
              problem: 'request-changed',
              path: checkpoint.path,
              message: `The checkpoint ${checkpoint.path} holds a result for customId "${pending.item.customId}" of a different request; use another checkpoint path or delete it to start over.`,
            });
          }
          const rerun =
            !saved.ok && (settings.rerunFailed === 'all' || (settings.rerunFailed === 'retryable' && saved.retryable));
          if (!rerun) {
            if (settings.replayCheckpoint) settle(current, await checkpoint.read(pending.item.customId));
            else {
              buffer.skip(current);
              tracker.record({
                customId: pending.item.customId,
                source: 'checkpoint',
                ok: true,
                latencyMs: 0,
                attempts: 0,
                costUsd: 0,
              });
            }
            continue;
          }
        }
        tracker.inFlight += 1;
        const task = runOne(pending).then((result) => {
          tracker.inFlight -= 1;
          tasks.delete(task);
          if (result) save(current, result, pending.hash);
          wake.notify();
        });
        tasks.add(task);
      }
      const ready = buffer.take();
      if (ready.length > 0) emitProgress(false);
      for (const result of ready) yield result;
      if (fatal) throw fatal;
      if (controller.signal.aborted) break;
      if (inputDone && tasks.size === 0 && writes.size === 0 && buffer.readyCount === 0) break;
      if (ready.length === 0) await wake.wait();
    }
    if (controller.signal.aborted) {
      stopped = true;
      await Promise.all(tasks);
      await Promise.all(writes);
      if (fatal) throw fatal;
      throw new AbortedError({ message: 'The batch run was aborted.', cause: options.signal?.reason });
    }
  } finally {
    if (!inputDone || tasks.size > 0) stopped = true;
    controller.abort();
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(tasks);
    await Promise.all(writes);
    await iterator.return?.();
    await checkpoint?.close();
    emitProgress(true);
    const snapshot = tracker.snapshot();
    observer.onSummary({ ...snapshot, total: tracker.total ?? snapshot.done, failedIds, stopped });
  }
}

function common(item: BatchRequest, started: number, counter: AttemptCounter) {
  return {
    customId: item.customId,
    source: 'run' as const,
    latencyMs: performance.now() - started,
    attempts: Math.max(1, counter.attempts),
    costUsd: 0,
  };
}

function toAsyncIterator<T>(input: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in input) return (input as AsyncIterable<T>)[Symbol.asyncIterator]();
  const sync = (input as Iterable<T>)[Symbol.iterator]();
  return {
    next: async () => sync.next(),
    return: async () => sync.return?.() ?? { done: true, value: undefined },
  };
}
