import { basename } from 'node:path';
import { CheckpointError } from '@switchboard/batch/node';
import { type DistributedOutcome, runDistributedBatch } from '../batch/distributed-batch.js';
import { type BatchOutcome, executeBatch } from '../batch/execute-batch.js';
import { FailedRequestsError } from '../batch/failed-requests-error.js';
import { createProgressDisplay } from '../batch/progress-display.js';
import { scanBatchInput } from '../batch/scan-batch-input.js';
import { DemoError } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import { ChildProcesses } from '../setup/child-processes.js';
import { connect } from '../setup/connect.js';
import { connectRedis } from '../setup/demo-redis.js';
import { formatCount, formatUsd } from '../tokens/token-report.js';
import { type Command, type CommandInput, stringValue } from './command.js';
import { choiceOption, integerOption } from './option-values.js';

/** `batch <input.jsonl>`: many requests at once, checkpointed, locally or through the Batch API. */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'Run a JSONL file of requests with a progress bar and a checkpoint (resumable after Ctrl-C or a crash)',
  usage:
    'switchboard-demo batch <input.jsonl> [--mode auto|local|api] [--checkpoint <file>] [--out <file>] [--concurrency 8] [--provider openai|azure] [--json]\n' +
    '       switchboard-demo batch <input.jsonl> --workers N [--rpm R] [--out <file>] [--concurrency 8]\n' +
    '  Input lines: {"customId":"q1","request":{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hi"}]}}\n' +
    '  (or "kind":"embedding" with request.input). Defaults: --out <input>.results.jsonl, --checkpoint <out>.checkpoint.jsonl.\n' +
    '  Run the same command again after Ctrl-C or a crash: finished requests come from the checkpoint.\n' +
    '  --workers N: a distributed batch on Redis (BullMQ): the file is enqueued as one job and N worker processes\n' +
    '  share it, each result recorded once; --rpm makes them share one rate limit through Redis. Uses REDIS_URL when\n' +
    '  set (a rerun resumes the job there), else starts redis-server on a free loopback port for the run.',
  options: {
    mode: { type: 'string', default: 'auto' },
    checkpoint: { type: 'string' },
    out: { type: 'string', short: 'o' },
    concurrency: { type: 'string' },
    workers: { type: 'string' },
    rpm: { type: 'string' },
  },
  async run(command) {
    const { values, positionals, output, signal, io } = command;
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) {
      throw new DemoError(
        file ? 'Give one input file.' : 'No input file given.',
        'Usage: switchboard-demo batch requests.jsonl [--out results.jsonl]',
      );
    }
    if (values.workers !== undefined) return runOnWorkers(command, file);
    if (values.rpm !== undefined) throw new DemoError('--rpm applies to --workers N only.', 'Add --workers 3, say.');
    const input = file;
    const mode = choiceOption(values, 'mode', ['auto', 'local', 'api'], 'auto');
    const concurrency = integerOption(values, 'concurrency', 8);
    const out = defaultOut(values, input);
    const checkpoint = stringValue(values, 'checkpoint') ?? out.replace(/(\.jsonl)?$/i, '.checkpoint.jsonl');
    const scan = await scanBatchInput(input, signal);
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      output.line(`${input}: ${scan.total} requests (${describeModels(scan.models)})`);
      const outcome = await executeBatch({
        demo,
        input,
        out,
        checkpoint,
        mode,
        concurrency,
        signal,
        display: output.json ? undefined : createProgressDisplay(io.stderr, { total: scan.total, label: 'batch' }),
        onPlan: (plan) =>
          output.detail('plan', `${plan.recommendation.mode}: ${plan.recommendation.reasons.join('; ')}`),
      });
      report(output, outcome, { out, checkpoint, total: scan.total });
      output.result('batch', { input, out, checkpoint, total: scan.total, ...outcome });
      const failed = outcome.failedLines;
      if (failed > 0 && !outcome.stopped && !signal.aborted) {
        output.flush();
        throw new FailedRequestsError(
          `${failed} of ${scan.total} requests failed (their lines in ${out} have "ok": false and the error).`,
          failed,
        );
      }
    } catch (error) {
      if (error instanceof CheckpointError) {
        throw new DemoError(error.message, 'Delete the checkpoint file to start over, or give another --checkpoint.');
      }
      throw error;
    } finally {
      await demo.close();
    }
  },
};

function defaultOut(values: CommandInput['values'], input: string): string {
  return stringValue(values, 'out') ?? `${basename(input).replace(/\.jsonl$/i, '')}.results.jsonl`;
}

/** `batch <file> --workers N`: the distributed batch (BullMQ on Redis, N worker processes). */
async function runOnWorkers({ values, output, signal, io }: CommandInput, input: string): Promise<void> {
  const workers = integerOption(values, 'workers', 3);
  const concurrency = integerOption(values, 'concurrency', 8);
  const rpm = values.rpm === undefined ? undefined : integerOption(values, 'rpm', 600);
  if (stringValue(values, 'mode') !== 'auto' || values.checkpoint !== undefined) {
    throw new DemoError(
      '--workers runs the batch on Redis, where the job itself is the checkpoint: --mode and --checkpoint do not apply.',
      'Drop them, or drop --workers for a local or Batch API run.',
    );
  }
  const out = defaultOut(values, input);
  const scan = await scanBatchInput(input, signal);
  const servers = new ChildProcesses();
  const redis = await connectRedis({ env: io.env, output, children: servers });
  try {
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      output.line(`${input}: ${scan.total} requests (${describeModels(scan.models)})`);
      if (rpm && demo.mock) {
        demo.mock.control.rateLimits.configure({ rpm, enforcement: 'per-second' });
        output.status(`The mock server enforces ${rpm} requests per minute in per-second quanta.`);
      }
      const outcome = await runDistributedBatch({
        demo,
        redis,
        input,
        out,
        workers,
        concurrency,
        ...(rpm ? { rpm } : {}),
        env: io.env,
        signal,
        display: output.json ? undefined : createProgressDisplay(io.stderr, { total: scan.total, label: 'batch' }),
        onStatus: (label, text) => output.detail(label, text),
      });
      reportDistributed(output, outcome, out, redis.local);
      output.result('batch', {
        input,
        out,
        mode: 'distributed',
        redis: redis.local ? 'local' : 'REDIS_URL',
        ...outcome,
      });
      if (outcome.failedLines > 0 && !outcome.stopped) {
        output.flush();
        throw new FailedRequestsError(
          `${outcome.failedLines} of ${outcome.total} requests failed (their lines in ${out} have "ok": false and the error).`,
          outcome.failedLines,
        );
      }
    } finally {
      await demo.close();
    }
  } finally {
    await redis.close();
    servers.killAll();
  }
}

function describeModels(models: Record<string, number>): string {
  return Object.entries(models)
    .map(([model, count]) => `${count} × ${model}`)
    .join(', ');
}

function reportDistributed(output: Output, outcome: DistributedOutcome, out: string, localRedis: boolean): void {
  output.detail(
    `ran on ${outcome.workers} workers`,
    `${outcome.done}/${outcome.total} done: ${outcome.succeeded} succeeded, ${outcome.failed} failed, ${outcome.fromEarlierRun} from an earlier run · ${formatCount(outcome.inputTokens)} in / ${formatCount(outcome.outputTokens)} out tokens · ${formatUsd(outcome.costUsd)} · ${(outcome.elapsedMs / 1000).toFixed(1)} s`,
  );
  if (outcome.redelivered > 0 || outcome.duplicates > 0) {
    output.detail(
      'redelivered',
      `${outcome.redelivered} requests moved to another worker (each may have reached the service twice); ${outcome.duplicates} duplicate results dropped`,
    );
  }
  output.detail('results', `${outcome.written} lines in ${out} (each id once, in the order the results came)`);
  if (outcome.stopped) {
    output.line(
      output.style(
        'yellow',
        localRedis
          ? 'Stopped before the end. The job lived in the redis-server this run started, now stopped: a rerun starts over (set REDIS_URL to keep jobs between runs).'
          : 'Stopped before the end; the job stays on Redis. Run the same command again to resume it.',
      ),
    );
  }
}

function report(
  output: Output,
  outcome: BatchOutcome,
  files: { out: string; checkpoint: string; total: number },
): void {
  const summary = outcome.summary;
  if (summary) {
    output.detail(
      outcome.mode === 'local' ? 'ran locally' : 'ran through the Batch API',
      `${summary.done}/${files.total} done: ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.fromCheckpoint} from the checkpoint · ${formatCount(summary.inputTokens)} in / ${formatCount(summary.outputTokens)} out tokens · ${formatUsd(summary.costUsd)} · ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
  output.detail('results', `${outcome.written} lines in ${files.out}`);
  if (outcome.stopped) {
    output.line(
      output.style(
        'yellow',
        `Stopped before the end; ${files.checkpoint} keeps what finished. Run the same command again to resume.`,
      ),
    );
  }
}
