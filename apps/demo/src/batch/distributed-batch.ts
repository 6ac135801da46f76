import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { BatchResult } from '@switchboard/batch';
import { enqueueBatch } from '@switchboard/batch/distributed';
import { JsonlWriter, readBatchRequests } from '@switchboard/batch/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ChildProcesses } from '../setup/child-processes.js';
import type { DemoContext } from '../setup/connect.js';
import type { DemoRedis } from '../setup/demo-redis.js';
import type { BatchWorkerSettings } from '../workers/batch-worker.js';
import { workerScript } from '../workers/worker-common.js';
import type { ProgressDisplay } from './progress-display.js';
import { resultLine } from './result-line.js';

/** The BullMQ queue the demo's batch jobs go on. */
export const DEMO_QUEUE = 'switchboard-demo-batch';
/** The prefix of the demo's job keys (results, progress). */
export const DEMO_JOB_PREFIX = 'switchboard-demo:batch';

/** How a distributed run ended. */
export interface DistributedOutcome {
  /** The job's id (the same input file gives the same id, so a rerun on the same Redis resumes it). */
  jobId: string;
  /** Worker processes. */
  workers: number;
  /** Requests in the job. */
  total: number;
  /** Requests with a result. */
  done: number;
  /** Answered in this run. */
  succeeded: number;
  /** Failed in this run. */
  failed: number;
  /** Recorded by an earlier run on the same Redis (a resumed job), written again. */
  fromEarlierRun: number;
  /** Requests handed to another worker after theirs stopped answering (each may have reached the service twice). */
  redelivered: number;
  /** Results recorded twice (the second was dropped). */
  duplicates: number;
  /** Tokens of the results written. */
  inputTokens: number;
  outputTokens: number;
  /** Cost of the job's results. */
  costUsd: number;
  /** Wall time of this run. */
  elapsedMs: number;
  /** Lines written to the output file: each customId once. */
  written: number;
  /** Written lines whose request failed. */
  failedLines: number;
  /** True when Ctrl-C stopped the run before every result was read. */
  stopped: boolean;
}

/** Options of {@link runDistributedBatch}. */
export interface DistributedBatchOptions {
  demo: DemoContext;
  redis: DemoRedis;
  /** The JSONL input. */
  input: string;
  /** The JSONL output, rewritten in full: every customId once, in the order the results were recorded. */
  out: string;
  /** Worker processes to start. */
  workers: number;
  /** Requests in flight in each worker. */
  concurrency: number;
  /** A requests-per-minute limit the workers share through the Redis store. */
  rpm?: number;
  /** The environment of the worker processes (a live service's keys come from it). */
  env: Record<string, string | undefined>;
  /** Where progress goes. */
  display?: ProgressDisplay;
  /** Told when the job is on the queue and when the workers are up. */
  onStatus?: (label: string, text: string) => void;
  /** Ctrl-C: stops reading; the workers finish what they hold. */
  signal: AbortSignal;
}

/**
 * `batch --workers N`: the file goes onto a BullMQ queue as one job (`enqueueBatch`), N worker processes
 * (`startBatchWorker`) share it, and the results are read back, each customId once, into the output file while the
 * progress is shown. Every worker is stopped at the end, also after Ctrl-C or a failure.
 */
export async function runDistributedBatch(options: DistributedBatchOptions): Promise<DistributedOutcome> {
  const { demo, redis, signal } = options;
  const started = performance.now();
  const jobId = await jobIdOf(options.input);
  const job = await enqueueBatch(readBatchRequests(options.input), {
    connection: redis.url,
    jobId,
    queueName: DEMO_QUEUE,
    prefix: DEMO_JOB_PREFIX,
  });
  const children = new ChildProcesses();
  const queueClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  queueClient.on('error', () => {});
  const queue = new Queue(DEMO_QUEUE, { connection: queueClient });
  queue.on('error', () => {});
  const reading = new AbortController();
  const stopReading = () => reading.abort();
  signal.addEventListener('abort', stopReading, { once: true });
  let workerFailure: Error | undefined;
  let timer: NodeJS.Timeout | undefined;
  const writer = await openWriter(options.out);
  const tokens = { inputTokens: 0, outputTokens: 0 };
  let failedLines = 0;
  try {
    const before = await job.progress();
    options.onStatus?.(
      'queue',
      job.added > 0
        ? `${job.added} requests enqueued as job ${jobId} on ${DEMO_QUEUE}`
        : `job ${jobId} is already on ${DEMO_QUEUE} (${before.done}/${before.total} done): resuming it`,
    );
    const settings: BatchWorkerSettings = {
      redisUrl: redis.url,
      kind: demo.kind,
      ...(demo.mock ? { mockUrl: demo.mock.url, mockAzureUrl: demo.mock.azureUrl } : {}),
      queueName: DEMO_QUEUE,
      prefix: DEMO_JOB_PREFIX,
      concurrency: options.concurrency,
      workers: options.workers,
      ...(options.rpm ? { rpm: options.rpm } : {}),
    };
    const script = workerScript('batch-worker');
    const spawned = Array.from({ length: options.workers }, () => {
      const child = children.spawn(process.execPath, [script, JSON.stringify(settings)], {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: options.env,
      });
      child.once('exit', (code, exitSignal) => {
        if (code !== 0 && exitSignal !== 'SIGTERM' && !reading.signal.aborted) {
          workerFailure ??= new Error(`A batch worker process exited with ${code ?? exitSignal}; its error is above.`);
          reading.abort();
        }
      });
      return child;
    });
    await Promise.all(spawned.map(waitReady));
    options.onStatus?.(
      'workers',
      `${options.workers} worker processes, ${options.concurrency} requests in flight each${options.rpm ? `, sharing ${options.rpm} requests per minute through Redis` : ''}`,
    );
    const snapshot = async () => {
      const [progress, active] = await Promise.all([job.progress(), queue.getActiveCount()]);
      options.display?.update({
        total: progress.total,
        done: progress.done,
        succeeded: progress.succeeded - before.succeeded,
        failed: progress.failed + progress.cancelled - before.failed - before.cancelled,
        fromCheckpoint: before.done,
        inFlight: active,
        ...tokens,
        costUsd: progress.costUsd,
        elapsedMs: performance.now() - started,
        requestsPerSecond: progress.ratePerSecond,
        etaMs: progress.etaMs,
      });
    };
    timer = setInterval(() => void snapshot().catch(() => undefined), 250);
    for await (const result of job.results({ signal: reading.signal })) {
      await writer.write(resultLine(result));
      if (!result.ok) failedLines += 1;
      addTokens(tokens, result);
    }
    if (workerFailure) throw workerFailure;
    clearInterval(timer);
    await snapshot();
    const after = await job.progress();
    return {
      jobId,
      workers: options.workers,
      total: after.total,
      done: after.done,
      succeeded: after.succeeded - before.succeeded,
      failed: after.failed + after.cancelled - before.failed - before.cancelled,
      fromEarlierRun: before.done,
      redelivered: after.redelivered,
      duplicates: after.duplicates,
      ...tokens,
      costUsd: after.costUsd,
      elapsedMs: performance.now() - started,
      written: writer.lines,
      failedLines,
      stopped: signal.aborted || after.done < after.total,
    };
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', stopReading);
    await writer.close();
    options.display?.stop();
    // The workers finish the requests they hold (and record them), then the connections close.
    await children.stopAll('SIGTERM');
    await queue.close().catch(() => undefined);
    queueClient.disconnect();
    await job.close();
  }
}

/** The job's id: the input's path and content, so the same file resumes its job and an edited one starts anew. */
async function jobIdOf(input: string): Promise<string> {
  const hash = createHash('sha256').update(`${resolve(input)}\u0000`);
  for await (const chunk of createReadStream(input)) hash.update(chunk as Uint8Array);
  return `demo-${hash.digest('hex').slice(0, 16)}`;
}

async function openWriter(out: string): Promise<JsonlWriter> {
  await mkdir(dirname(resolve(out)), { recursive: true });
  return JsonlWriter.create(out);
}

/** Resolves once the worker says `ready`; rejects when it exits first. */
function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`A batch worker process exited with ${code ?? signal} before it was ready.`));
    lines.on('line', (line) => {
      if (line.includes('"ready"')) {
        child.off('exit', onExit);
        resolvePromise();
      }
    });
    child.once('exit', onExit);
  });
}

function addTokens(tokens: { inputTokens: number; outputTokens: number }, result: BatchResult): void {
  if (!result.ok) return;
  tokens.inputTokens += result.chat?.usage?.inputTokens ?? result.embedding?.usage?.inputTokens ?? 0;
  tokens.outputTokens += result.chat?.usage?.outputTokens ?? 0;
}
