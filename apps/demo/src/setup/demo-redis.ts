import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { DemoError } from '../cli/demo-error.js';
import type { Output } from '../cli/output.js';
import type { ChildProcesses } from './child-processes.js';

/** The Redis the worker processes share. */
export interface DemoRedis {
  /** Its `redis://` URL (with the password of REDIS_URL, if any: never print it, print `label`). */
  url: string;
  /** How to name it on screen: REDIS_URL without its password, or the local server's address. */
  label: string;
  /** True when the demo started its own redis-server (empty, gone after the run). */
  local: boolean;
  /** Stops the redis-server the demo started (nothing for REDIS_URL). */
  close(): Promise<void>;
}

const INSTALL_HINT =
  'Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL to a Redis you run, e.g. REDIS_URL=redis://127.0.0.1:6379.';

/**
 * REDIS_URL when it is set (checked with a PING, so a wrong URL fails here in one line), else a `redis-server` of the
 * demo's own on a free loopback port, without persistence, stopped by `close()` (or killed with the other children
 * when the demo exits).
 */
export async function connectRedis(options: {
  env: Record<string, string | undefined>;
  output: Output;
  children: ChildProcesses;
}): Promise<DemoRedis> {
  const url = options.env.REDIS_URL?.trim();
  if (url) {
    const label = redactUrl(url);
    await ping(url, label);
    options.output.status(`Redis: REDIS_URL (${label}).`);
    return { url, label, local: false, close: async () => {} };
  }
  const server = await startRedisServer(options.children, options.env);
  options.output.status(
    `Redis: no REDIS_URL set, so the demo started redis-server on ${server.label} (stopped at the end).`,
  );
  return server;
}

/** `url` without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

async function ping(url: string, label: string): Promise<void> {
  if (!/^rediss?:\/\//.test(url)) {
    throw new DemoError(
      `REDIS_URL must be a redis:// or rediss:// URL, not ${label}.`,
      'For example REDIS_URL=redis://127.0.0.1:6379, or unset it to let the demo start a redis-server of its own.',
    );
  }
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection's own error (ECONNREFUSED, a DNS failure) says more than the rejected command's.
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = (cause ?? (error as Error)).message.replace(/\.$/, '');
    throw new DemoError(
      `Cannot reach Redis at REDIS_URL (${label}): ${reason}.`,
      'Check that the server runs and the URL is right, or unset REDIS_URL to let the demo start a redis-server of its own.',
    );
  } finally {
    client.disconnect();
  }
}

async function startRedisServer(children: ChildProcesses, env: Record<string, string | undefined>): Promise<DemoRedis> {
  const port = await freePort();
  const child = children.spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    // `env` is the demo's environment: its PATH finds redis-server.
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  await ready(child, port);
  const label = `127.0.0.1:${port}`;
  return { url: `redis://${label}`, label, local: true, close: () => children.stop(child, 'SIGTERM', 5_000) };
}

function ready(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining its output so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`redis-server exited (code ${code}) before it was ready on port ${port}: ${lastLine(output)}`));
    const onError = (error: NodeJS.ErrnoException) =>
      done(
        error.code === 'ENOENT'
          ? new DemoError('This command needs Redis, and redis-server is not installed here.', INSTALL_HINT)
          : error,
      );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(new Error(`redis-server did not start on port ${port} within 15 s: ${lastLine(output)}`));
    }, 15_000);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? '(no output)'
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
