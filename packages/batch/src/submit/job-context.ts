import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  type BatchService,
  batchOptionsSchema,
  type CallOptions,
  type Provider,
  parseConfig,
  UnsupportedError,
} from '@switchboard/core';
import { createRetryPolicy, type RetryPolicy } from '@switchboard/resilience';
import type { SubmitBatchJobOptions } from './submit-options.js';

/** What every step of a Batch API job needs: the service, settings, and calls with retries. */
export interface JobContext {
  provider: Provider;
  service: BatchService;
  options: SubmitBatchJobOptions;
  settings: { pollIntervalMs: number; maxPollIntervalMs: number; maxRequestsPerJob: number; maxBytesPerJob: number };
  workDir: string;
  /** Runs a provider call with the retry policy (when there is one) and `signal` (default: the job's). */
  call<T>(fn: (options: CallOptions) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Uploads a JSONL file from disk, streaming it. */
  upload(path: string, filename: string): Promise<{ id: string }>;
}

/** Checks the provider has a Batch API and builds the job context; throws `ConfigError`/`UnsupportedError`. */
export function createJobContext(provider: Provider, options: SubmitBatchJobOptions): JobContext {
  const service = provider.batches;
  if (!service) {
    throw new UnsupportedError({ message: `The ${provider.name} provider has no Batch API.`, provider: provider.name });
  }
  const settings = parseConfig(batchOptionsSchema, {
    pollIntervalMs: options.pollIntervalMs,
    maxPollIntervalMs: options.maxPollIntervalMs,
    maxRequestsPerJob: options.maxRequestsPerJob,
    maxBytesPerJob: options.maxBytesPerJob,
  });
  const retry: RetryPolicy | undefined =
    options.retry === false
      ? undefined
      : options.retry && 'execute' in options.retry
        ? options.retry
        : createRetryPolicy(options.retry);
  const call = <T>(fn: (callOptions: CallOptions) => Promise<T>, given?: AbortSignal): Promise<T> => {
    const signal = given ?? options.signal;
    if (!retry) return fn(signal ? { signal } : {});
    return retry.execute((_attempt, attemptSignal) => fn(attemptSignal ? { signal: attemptSignal } : {}), {
      ...(signal ? { signal } : {}),
      provider: provider.name,
    });
  };
  return {
    provider,
    service,
    options,
    settings,
    workDir: options.workDir ?? join(tmpdir(), 'switchboard-batch'),
    call,
    upload: (path, filename) =>
      call((callOptions) =>
        service.uploadFile(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, {
          ...callOptions,
          filename,
        }),
      ),
  };
}
