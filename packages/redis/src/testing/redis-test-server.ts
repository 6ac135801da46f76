import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A `redis-server` of a test's own, on a free loopback port. */
export interface RedisTestServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port. */
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); resolves when the process is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`, to test an outage), empty. */
  restart(): Promise<void>;
}

/** The variable that makes the Redis tests mandatory (CI sets it): without `redis-server` they fail instead of skip. */
export const REQUIRE_REDIS_VARIABLE = 'SWITCHBOARD_REQUIRE_REDIS';

/**
 * Whether `redis-server` can run here. When it cannot, `reason` says why, for the skip message; with
 * `SWITCHBOARD_REQUIRE_REDIS=1` in the environment the absence is an error instead.
 */
export function redisAvailability(): { available: true } | { available: false; reason: string } {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return { available: true };
  } catch {
    const reason =
      'redis-server is not installed (Debian: apt-get install -y redis-server); the Redis tests are skipped';
    if (process.env[REQUIRE_REDIS_VARIABLE] === '1') {
      throw new Error(`${REQUIRE_REDIS_VARIABLE}=1 but ${reason.replace('; the Redis tests are skipped', '')}.`);
    }
    return { available: false, reason };
  }
}

/** Starts `redis-server` on 127.0.0.1 and a free port, without persistence. */
export async function startRedisTestServer(): Promise<RedisTestServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await terminate(child);
    },
    restart: async () => {
      await terminate(child);
      child = await launch(port);
    },
  };
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port} within 15 s:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
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
