import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FailedRequestsError } from '../batch/failed-requests-error.js';
import { ChildProcesses } from '../setup/child-processes.js';
import { connect } from '../setup/connect.js';
import { connectRedis } from '../setup/demo-redis.js';
import type { QuotaWorkerSettings } from '../workers/quota-worker.js';
import { workerScript } from '../workers/worker-common.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';
import { integerOption } from './option-values.js';

/** Requests each worker keeps in flight. */
const CONCURRENCY = 8;

/** What one worker reported at the end. */
interface WorkerSummary {
  answered: number;
  failed: number;
  rateLimited: number;
  firstError?: string;
}

/**
 * `workers`: N processes share one rate limit through `@switchboard/redis`'s store, against a mock server that
 * enforces that limit per second; prints their combined rate against the limit and the 429s they met.
 */
export const workersCommand: Command = {
  name: 'workers',
  summary: 'Worker processes sharing one rate limit through Redis: their combined rate and 429s',
  usage:
    'switchboard-demo workers [--workers 3] [--rpm 1200] [--seconds 5] [--provider openai|azure] [--model gpt-4.1-mini] [--json]\n' +
    '  Uses REDIS_URL when set; otherwise starts redis-server on a free loopback port (stopped at the end).\n' +
    '  Offline, the built-in mock server enforces --rpm in per-second quanta, as OpenAI does: a 429 means the\n' +
    '  workers overshot the shared limit together.',
  options: {
    workers: { type: 'string' },
    rpm: { type: 'string' },
    seconds: { type: 'string' },
  },
  async run({ values, output, signal, io }) {
    const workers = integerOption(values, 'workers', 3);
    const rpm = integerOption(values, 'rpm', 1_200);
    const seconds = integerOption(values, 'seconds', 5);
    const model = stringValue(values, 'model') ?? DEMO_MODELS.chat;
    const limitPerSecond = rpm / 60;
    // The redis-server (when the demo starts one) and the workers are stopped separately: workers first.
    const servers = new ChildProcesses();
    const children = new ChildProcesses();
    const redis = await connectRedis({ env: io.env, output, children: servers });
    try {
      const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
      try {
        if (demo.mock) {
          demo.mock.control.rateLimits.configure({ rpm, enforcement: 'per-second' });
          output.status(
            `The mock server enforces ${rpm} requests per minute in per-second quanta (${format(limitPerSecond)}/s).`,
          );
        }
        const settings: QuotaWorkerSettings = {
          redisUrl: redis.url,
          kind: demo.kind,
          ...(demo.mock ? { mockUrl: demo.mock.url, mockAzureUrl: demo.mock.azureUrl } : {}),
          model,
          rpm,
          seconds,
          concurrency: CONCURRENCY,
          workers,
          prefix: `switchboard-demo:workers:${process.pid}:${Date.now()}:`,
        };
        output.line(
          `${workers} worker processes, ${CONCURRENCY} requests in flight each, share ${rpm} requests per minute on ${model} for ${seconds} s.`,
        );
        const answers: number[] = [];
        const perWorker: number[] = Array.from({ length: workers }, () => 0);
        const summaries: WorkerSummary[] = [];
        const timer = setInterval(() => {
          const now = Date.now();
          const lastSecond = answers.filter((t) => t > now - 1_000).length;
          output.status(
            `  ${answers.length} answered, ${lastSecond} in the last second (limit ${format(limitPerSecond)}/s)`,
          );
        }, 1_000);
        const script = workerScript('quota-worker');
        const started = Date.now();
        try {
          const runs = Array.from({ length: workers }, (_, index) => {
            const child = children.spawn(process.execPath, [script, JSON.stringify(settings)], {
              stdio: ['pipe', 'pipe', 'inherit'],
              env: io.env,
            });
            return runWorker(child, (message) => {
              if (typeof message.at === 'number') {
                answers.push(message.at);
                perWorker[index] = (perWorker[index] ?? 0) + 1;
              } else if (message.done) summaries.push(message as unknown as WorkerSummary);
            });
          });
          const onAbort = () => void children.stopAll('SIGTERM');
          signal.addEventListener('abort', onAbort, { once: true });
          try {
            await Promise.all(runs);
          } finally {
            signal.removeEventListener('abort', onAbort);
          }
        } finally {
          clearInterval(timer);
          await children.stopAll('SIGTERM');
        }
        const elapsedMs = Date.now() - started;
        const first = Math.min(...answers);
        const last = Math.max(...answers);
        const ratePerSecond = answers.length > 1 && last > first ? ((answers.length - 1) * 1_000) / (last - first) : 0;
        const failed = summaries.reduce((sum, s) => sum + s.failed, 0);
        const rateLimited = summaries.reduce((sum, s) => sum + s.rateLimited, 0);
        const share = (ratePerSecond / limitPerSecond) * 100;
        output.detail(
          'combined',
          `${answers.length} answers in ${(elapsedMs / 1000).toFixed(1)} s (process start-up included); ${format(ratePerSecond)} requests/s while sending, against a shared limit of ${format(limitPerSecond)}/s (${share.toFixed(0)}% of it)`,
        );
        output.detail('per worker', perWorker.join(', '));
        output.detail(
          '429s',
          `${rateLimited}${rateLimited === 0 ? ' (the shared limiter kept every worker under the limit)' : ''}${failed ? `; ${failed} requests failed` : ''}`,
        );
        if (signal.aborted) output.line(output.style('yellow', 'Stopped before the end (Ctrl-C).'));
        output.result('workers', {
          workers,
          rpm,
          seconds,
          model,
          answered: answers.length,
          perWorker,
          ratePerSecond,
          limitPerSecond,
          shareOfLimit: share / 100,
          rateLimited,
          failed,
          redis: redis.local ? 'local' : 'REDIS_URL',
        });
        if (failed > 0 && !signal.aborted) {
          output.flush();
          const example = summaries.find((s) => s.firstError)?.firstError;
          throw new FailedRequestsError(`${failed} requests failed${example ? ` (first: ${example})` : ''}.`, failed);
        }
      } finally {
        children.killAll();
        await demo.close();
      }
    } finally {
      await redis.close();
      servers.killAll();
    }
  },
};

/** Follows one worker's JSON lines until it exits; rejects when it fails. */
function runWorker(child: ChildProcess, onMessage: (message: Record<string, unknown>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.trim() === '') return;
        try {
          onMessage(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // Not one of ours (a library printing to stdout): ignored.
        }
      });
    }
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0 || signal === 'SIGTERM') resolve();
      else reject(new Error(`A worker process exited with ${code ?? signal}; its error is above.`));
    });
  });
}

function format(perSecond: number): string {
  return perSecond.toFixed(1);
}
