import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DemoError } from '../cli/demo-error.js';
import { connect } from '../setup/connect.js';
import { type Command, DEMO_MODELS, stringValue } from './command.js';

/** `workers`: three processes on one Redis-shared quota, and their combined rate. */
export const workersCommand: Command = {
  name: 'workers',
  summary: 'Worker processes sharing one rate limit through Redis (needs REDIS_URL)',
  usage:
    'switchboard-demo workers [--workers 3] [--requests 40] [--rpm 1200] [--provider openai|azure] [--model gpt-4.1-mini] [--json]',
  options: {
    workers: { type: 'string', default: '3' },
    requests: { type: 'string', default: '40' },
    rpm: { type: 'string', default: '1200' },
  },
  async run({ values, output, signal, io }) {
    const redisUrl = io.env.REDIS_URL;
    if (!redisUrl) {
      throw new DemoError(
        'The workers command needs REDIS_URL: the worker processes share their rate limit through Redis.',
        'For example REDIS_URL=redis://127.0.0.1:6379 switchboard-demo workers (without it, limits stay in memory).',
      );
    }
    const workers = positiveInteger(values, 'workers');
    const requests = positiveInteger(values, 'requests');
    const rpm = positiveInteger(values, 'rpm');
    const model = stringValue(values, 'model') ?? DEMO_MODELS.chat;
    const demo = await connect({ provider: stringValue(values, 'provider'), output, env: io.env });
    try {
      if (demo.mock) {
        demo.mock.control.rateLimits.configure({ rpm, enforcement: 'per-second' });
        output.status(`The mock server enforces ${rpm} requests per minute in per-second quanta (${rpm / 60}/s).`);
      }
      const script = fileURLToPath(new URL('../workers/quota-worker.js', import.meta.url));
      const settings = JSON.stringify({
        redisUrl,
        kind: demo.kind,
        ...(demo.mock ? { mockUrl: demo.mock.url, mockAzureUrl: demo.mock.azureUrl } : {}),
        model,
        rpm,
        requests,
        concurrency: 8,
      });
      const ticks: number[] = [];
      const summaries: { failed: number; rateLimited: number }[] = [];
      const started = Date.now();
      const timer = setInterval(() => {
        const lastSecond = ticks.filter((t) => t > Date.now() - 1_000).length;
        output.status(`  ${ticks.length} answered, ${lastSecond}/s now (limit ${(rpm / 60).toFixed(0)}/s)`);
      }, 1_000);
      try {
        await Promise.all(
          Array.from({ length: workers }, () =>
            runWorker(script, settings, signal, (line) => {
              if ('tick' in line) ticks.push(line.tick as number);
              else summaries.push(line as { failed: number; rateLimited: number });
            }),
          ),
        );
      } finally {
        clearInterval(timer);
      }
      const seconds = ticks.length > 1 ? (Math.max(...ticks) - Math.min(...ticks)) / 1000 : 0;
      const rate = seconds > 0 ? (ticks.length - 1) / seconds : 0;
      const failed = summaries.reduce((sum, s) => sum + s.failed, 0);
      const rateLimited = demo.mock
        ? demo.mock.control.requests().filter((entry) => entry.status === 429).length
        : summaries.reduce((sum, s) => sum + s.rateLimited, 0);
      output.line(
        `${workers} workers answered ${ticks.length} of ${workers * requests} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${rate.toFixed(1)} requests/s combined against a shared limit of ${(rpm / 60).toFixed(1)}/s ` +
          `(${((rate / (rpm / 60)) * 100).toFixed(0)}%), ${rateLimited} × 429, ${failed} failed`,
      );
      output.result('workers', {
        workers,
        answered: ticks.length,
        ratePerSecond: rate,
        limitPerSecond: rpm / 60,
        rateLimited,
        failed,
      });
    } finally {
      await demo.close();
    }
  },
};

function runWorker(
  script: string,
  settings: string,
  signal: AbortSignal,
  onLine: (line: Record<string, unknown>) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, settings], { stdio: ['ignore', 'pipe', 'inherit'] });
    const stop = () => child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as Record<string, unknown>);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      signal.removeEventListener('abort', stop);
      if (code === 0 || signal.aborted) resolve();
      else reject(new Error(`A worker process exited with code ${code}.`));
    });
  });
}

function positiveInteger(values: Record<string, unknown>, name: string): number {
  const raw = stringValue(values as never, name);
  const value = Number(raw);
  if (!(Number.isInteger(value) && value > 0)) {
    throw new DemoError(`--${name} must be a positive whole number, not "${raw}".`, `For example --${name} 3.`);
  }
  return value;
}
