import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisTestServer, startRedisTestServer } from '@switchboard/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../src/setup/assets.ts';
import { startCli } from './support/cli-process.ts';
import { createTestIO, runMain } from './support/in-process.ts';
import { childrenOf, pathEnv, skipRedis, startedRedisPort, survivors } from './support/redis.ts';

const SAMPLE = assetPath('batch-sample.jsonl');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-workers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The children the demo starts (redis-server and the worker scripts), not the tests' own redis-server. */
function demoChildren(parentPid = process.pid, except?: RedisTestServer) {
  return childrenOf(parentPid).filter(
    (child) =>
      (child.commandLine.includes('redis-server') || child.commandLine.includes('/dist/workers/')) &&
      !(except && child.commandLine.includes(`:${except.port}`)),
  );
}

async function ids(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { customId: string }).customId);
}

async function writeRequests(name: string, count: number, model = 'gpt-4.1-mini'): Promise<string> {
  const file = join(dir, name);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ customId: `r${i + 1}`, request: { model, messages: [{ role: 'user', content: `Hi ${i}` }] } }),
  );
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('workers and batch --workers: bad settings', () => {
  it('without REDIS_URL and without redis-server: says how to install it or set REDIS_URL', async () => {
    const result = await runMain(['workers'], { env: { PATH: join(dir, 'nothing-here') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /redis-server is not installed here\. Install it \(Debian\/Ubuntu: sudo apt-get install -y redis-server/,
    );
    expect(result.stderr).toMatch(/or set REDIS_URL to a Redis you run/);
    const batch = await runMain(['batch', SAMPLE, '--workers', '2'], { env: { PATH: join(dir, 'nothing-here') } });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/redis-server is not installed here/);
  });

  it('an unreachable or malformed REDIS_URL is one line, without the password', async () => {
    const unreachable = await runMain(['workers'], { env: pathEnv({ REDIS_URL: 'redis://:hunter2@127.0.0.1:1' }) });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /Cannot reach Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:1\): .*ECONNREFUSED/,
    );
    expect(unreachable.stderr).not.toContain('hunter2');
    const malformed = await runMain(['batch', SAMPLE, '--workers', '2'], { env: pathEnv({ REDIS_URL: 'http://x' }) });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL, not http:\/\/x\./);
    const garbage = await runMain(['workers'], { env: pathEnv({ REDIS_URL: 'not a url' }) });
    expect(garbage.stderr).toMatch(/not \(not a URL\)/);
  });

  it('options: whole numbers, and --workers excludes --mode api and --checkpoint; --rpm needs --workers', async () => {
    expect((await runMain(['workers', '--workers', '0'])).stderr).toMatch(
      /--workers must be a whole number of at least 1/,
    );
    const api = await runMain(['batch', SAMPLE, '--workers', '2', '--mode', 'api']);
    expect(api.code).toBe(2);
    expect(api.stderr).toMatch(/--mode and --checkpoint do not apply/);
    const checkpoint = await runMain(['batch', SAMPLE, '--workers', '2', '--checkpoint', join(dir, 'x.jsonl')]);
    expect(checkpoint.code).toBe(2);
    const rpm = await runMain(['batch', SAMPLE, '--rpm', '60']);
    expect(rpm.code).toBe(2);
    expect(rpm.stderr).toMatch(/--rpm applies to --workers N only/);
    const help = await runMain(['workers', '--help']);
    expect(help.stdout).toMatch(/--workers 3\] \[--rpm 1200\] \[--seconds 5\]/);
    expect((await runMain(['batch', '--help'])).stdout).toMatch(/--workers N: a distributed batch on Redis/);
  });
});

describe.skipIf(skipRedis)('workers: processes sharing one limit through Redis', () => {
  it('three workers against the per-second limit of the mock server: no 429, every worker answered', async () => {
    const result = await runMain(['workers', '--workers', '3', '--rpm', '1200', '--seconds', '2', '--json'], {
      env: pathEnv(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/started redis-server on 127\.0\.0\.1:\d+/);
    expect(result.stderr).toMatch(/enforces 1200 requests per minute in per-second quanta \(20\.0\/s\)/);
    const { workers } = JSON.parse(result.stdout) as {
      workers: { answered: number; perWorker: number[]; rateLimited: number; failed: number; limitPerSecond: number };
    };
    expect(workers).toMatchObject({ rateLimited: 0, failed: 0, limitPerSecond: 20 });
    expect(workers.perWorker).toHaveLength(3);
    expect(workers.perWorker.every((count) => count > 0)).toBe(true);
    expect(workers.answered).toBe(workers.perWorker.reduce((a, b) => a + b, 0));
    expect(await survivors(demoChildren().map((child) => child.pid))).toEqual([]);
  }, 60_000);

  it('prints the combined rate against the limit; Ctrl-C stops the workers and the redis-server', async () => {
    const io = createTestIO({ env: pathEnv() });
    const running = runMain(['workers', '--workers', '2', '--rpm', '600', '--seconds', '60'], io);
    await io.stderr.waitFor(/[1-9]\d* answered/, 30_000);
    const started = demoChildren().map((child) => child.pid);
    expect(started.length).toBeGreaterThanOrEqual(3);
    io.interrupt();
    const result = await running;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stdout).toMatch(/2 worker processes, 8 requests in flight each, share 600 requests per minute/);
    expect(result.stdout).toMatch(
      /combined: \d+ answers in [\d.]+ s \(process start-up included\); [\d.]+ requests\/s while sending, against a shared limit of 10\.0\/s/,
    );
    expect(result.stdout).toMatch(/429s: 0 \(the shared limiter kept every worker under the limit\)/);
    expect(result.stdout).toMatch(/Stopped before the end \(Ctrl-C\)\./);
    expect(await survivors(started)).toEqual([]);
  }, 60_000);
});

describe.skipIf(skipRedis)('batch --workers N: the distributed batch', () => {
  let redis: RedisTestServer;
  beforeAll(async () => {
    redis = await startRedisTestServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs the sample on three worker processes: every id exactly once, the same summary as a local run', async () => {
    const out = join(dir, 'sample.results.jsonl');
    const result = await runMain(['batch', SAMPLE, '--workers', '3', '--out', out], { env: pathEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/12 requests \(5 × gpt-4\.1-mini, 5 × gpt-4\.1-nano, 2 × text-embedding-3-small\)/);
    expect(result.stdout).toMatch(/queue: 12 requests enqueued as job demo-[0-9a-f]{16} on switchboard-demo-batch/);
    expect(result.stdout).toMatch(/workers: 3 worker processes, 8 requests in flight each/);
    expect(result.stdout).toMatch(
      /ran on 3 workers: 12\/12 done: 12 succeeded, 0 failed, 0 from an earlier run · [\d,]+ in \/ [\d,]+ out tokens/,
    );
    expect(result.stdout).toMatch(/results: 12 lines in .*sample\.results\.jsonl \(each id once/);
    expect(result.stderr).toMatch(/ {2}batch: 12\/12 done, 0 in flight/);
    const written = await ids(out);
    const expected = (await readFile(SAMPLE, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { customId: string }).customId);
    expect([...written].sort()).toEqual([...expected].sort());
    const line = JSON.parse((await readFile(out, 'utf8')).split('\n')[0] as string) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(expect.arrayContaining(['customId', 'ok', 'source', 'latencyMs', 'attempts']));
    expect(await survivors(demoChildren(process.pid, redis).map((child) => child.pid))).toEqual([]);
  }, 60_000);

  it('on REDIS_URL: Ctrl-C leaves the job on Redis, the rerun resumes it, the output has every id once', async () => {
    const input = await writeRequests('resume.jsonl', 40);
    const out = join(dir, 'resume.results.jsonl');
    const args = ['batch', input, '--workers', '2', '--rpm', '600', '--out', out];
    const io = createTestIO({ env: pathEnv({ REDIS_URL: redis.url }) });
    const first = runMain(args, io);
    await io.stderr.waitFor(/batch: [1-9]\d*\/40 done/, 30_000);
    io.interrupt();
    const stopped = await first;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/Redis: REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\)\./);
    expect(stopped.stdout).toMatch(
      /Stopped before the end; the job stays on Redis\. Run the same command again to resume it\./,
    );
    const second = await runMain([...args, '--json'], { env: pathEnv({ REDIS_URL: redis.url }) });
    expect(second.code, second.stderr).toBe(0);
    const { batch } = JSON.parse(second.stdout) as {
      batch: { total: number; done: number; fromEarlierRun: number; written: number; stopped: boolean; redis: string };
    };
    expect(batch).toMatchObject({ total: 40, done: 40, written: 40, stopped: false, redis: 'REDIS_URL' });
    expect(batch.fromEarlierRun).toBeGreaterThan(0);
    const written = await ids(out);
    expect(new Set(written).size).toBe(40);
    expect(written).toHaveLength(40);
    // Run again: nothing to send, the output is written in full again.
    const third = await runMain(args, { env: pathEnv({ REDIS_URL: redis.url }) });
    expect(third.stdout).toMatch(/already on switchboard-demo-batch \(40\/40 done\): resuming it/);
    expect(third.stdout).toMatch(/40\/40 done: 0 succeeded, 0 failed, 40 from an earlier run/);
    expect(await ids(out)).toHaveLength(40);
  }, 90_000);

  it('exits 1 naming the count when requests failed, after writing every result', async () => {
    const input = join(dir, 'some-fail.jsonl');
    const line = (id: string, model: string) =>
      JSON.stringify({ customId: id, request: { model, messages: [{ role: 'user', content: `Hi ${id}` }] } });
    await writeFile(
      input,
      `${[line('a', 'gpt-4.1-mini'), line('b', 'gpt-9'), line('c', 'gpt-4.1-nano')].join('\n')}\n`,
    );
    const out = join(dir, 'some-fail.results.jsonl');
    const result = await runMain(['batch', input, '--workers', '2', '--out', out], {
      env: pathEnv({ REDIS_URL: redis.url }),
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/3\/3 done: 2 succeeded, 1 failed/);
    expect(result.stderr).toMatch(
      /Error: 1 of 3 requests failed \(their lines in .*some-fail\.results\.jsonl have "ok": false/,
    );
    const lines = (await readFile(out, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as { customId: string; ok: boolean; error?: { code: string } });
    expect(lines.find((entry) => entry.customId === 'b')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 60_000);
});

describe.skipIf(skipRedis)('end to end (dist/cli.js)', () => {
  it('workers: SIGINT stops every worker process and the redis-server it started', async () => {
    const cli = startCli(['workers', '--workers', '3', '--seconds', '60']);
    await cli.waitFor(/[1-9]\d* answered/, 'stderr', 40_000);
    const pid = cli.child.pid as number;
    const started = demoChildren(pid);
    expect(started.filter((child) => child.commandLine.includes('quota-worker.js'))).toHaveLength(3);
    expect(started.filter((child) => child.commandLine.includes('redis-server'))).toHaveLength(1);
    expect(startedRedisPort(cli.stderr)).toBeDefined();
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code, cli.stderr).toBe(130);
    expect(cli.stdout).toMatch(/429s: 0/);
    expect(await survivors(started.map((child) => child.pid))).toEqual([]);
  }, 90_000);

  it('batch --workers: SIGINT mid-run stops the workers and the redis-server; the output has no id twice', async () => {
    const input = await writeRequests('e2e.jsonl', 40);
    const out = join(dir, 'e2e.results.jsonl');
    const cli = startCli(['batch', input, '--workers', '2', '--rpm', '300', '--out', out]);
    await cli.waitFor(/batch: [1-9]\d*\/40 done/, 'stderr', 40_000);
    const started = demoChildren(cli.child.pid as number);
    expect(started.length).toBe(3);
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code, cli.stderr).toBe(130);
    expect(cli.stdout).toMatch(/a rerun starts over \(set REDIS_URL to keep jobs between runs\)/);
    expect(await survivors(started.map((child) => child.pid))).toEqual([]);
    const written = await ids(out);
    expect(new Set(written).size).toBe(written.length);
  }, 90_000);

  it('the worker processes stop by themselves when the demo is killed outright', async () => {
    const cli = startCli(['workers', '--workers', '2', '--seconds', '60']);
    await cli.waitFor(/[1-9]\d* answered/, 'stderr', 40_000);
    const started = demoChildren(cli.child.pid as number);
    const workers = started.filter((child) => child.commandLine.includes('quota-worker.js')).map((c) => c.pid);
    const servers = started.filter((child) => child.commandLine.includes('redis-server')).map((c) => c.pid);
    cli.child.kill('SIGKILL');
    await cli.exited;
    try {
      expect(await survivors(workers, 15_000)).toEqual([]);
    } finally {
      // SIGKILL leaves no chance to stop the redis-server (documented): this test does it.
      for (const pid of servers) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
