import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { enqueueBatch } from '@switchboard/batch/distributed';
import { JsonlWriter, readBatchRequests } from '@switchboard/batch/node';
import type { Output } from '../cli/output.js';
import type { DemoContext } from '../setup/connect.js';
import { resultLine } from './result-line.js';

/** What `batch --workers N` did. */
export interface DistributedOutcome {
  workers: number;
  total: number;
  succeeded: number;
  failed: number;
  redelivered: number;
  ratePerSecond: number;
}

/**
 * `batch --workers N` with REDIS_URL: the file goes onto a BullMQ queue as one job (its id from the file's name, so
 * running the command again resumes it), N worker processes share it and one rate limit, and the results are read
 * back (each request once) into the output file while progress is shown.
 */
export async function runDistributedBatch(options: {
  demo: DemoContext;
  redisUrl: string;
  input: string;
  out: string;
  workers: number;
  rpm?: number;
  output: Output;
  signal: AbortSignal;
}): Promise<DistributedOutcome> {
  const { demo, output } = options;
  const jobId = `demo:${options.input}`;
  const queueName = 'switchboard-demo-batch';
  const prefix = 'switchboard-demo:batch';
  const job = await enqueueBatch(readBatchRequests(options.input), {
    connection: options.redisUrl,
    jobId,
    queueName,
    prefix,
  });
  output.detail('queue', `${job.added} requests enqueued as job "${jobId}" on ${queueName}`);
  const script = fileURLToPath(new URL('../workers/batch-worker.js', import.meta.url));
  const settings = JSON.stringify({
    redisUrl: options.redisUrl,
    kind: demo.kind,
    ...(demo.mock ? { mockUrl: demo.mock.url, mockAzureUrl: demo.mock.azureUrl } : {}),
    queueName,
    prefix,
    ...(options.rpm ? { rpm: options.rpm } : {}),
  });
  const children: ChildProcess[] = [];
  const writer = await JsonlWriter.create(options.out);
  const timer = setInterval(async () => {
    const p = await job.progress().catch(() => undefined);
    if (p) output.status(`  ${p.done}/${p.total} done, ${p.ratePerSecond.toFixed(1)}/s, ${p.redelivered} redelivered`);
  }, 1_000);
  try {
    for (let i = 0; i < options.workers; i++) {
      const child = spawn(process.execPath, [script, settings], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      await new Promise((resolve) => child.stdout?.once('data', resolve));
    }
    output.detail('workers', `${options.workers} worker processes started`);
    for await (const result of job.results({ reader: `demo:${options.out}`, signal: options.signal })) {
      await writer.write(resultLine(result));
    }
    const progress = await job.progress();
    return {
      workers: options.workers,
      total: progress.total,
      succeeded: progress.succeeded,
      failed: progress.failed,
      redelivered: progress.redelivered,
      ratePerSecond: progress.ratePerSecond,
    };
  } finally {
    clearInterval(timer);
    await writer.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(0) : child.once('exit', resolve))),
      ),
    );
    await job.close();
  }
}
