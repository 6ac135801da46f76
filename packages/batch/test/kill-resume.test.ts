import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@switchboard/mock-server';
import { createOpenAIProvider } from '@switchboard/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const child = join(packageDir, 'test', 'kill-resume-child.mjs');
const COUNT = 400;
const CONCURRENCY = 8;
const KILLS = 5;

let server: MockServer;
let dir: string;

beforeAll(async () => {
  // The child runs the built package, as a user's program would; build it (a no-op when up to date).
  const tsc = join(packageDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-b'], { cwd: packageDir, stdio: 'inherit' });
  server = await startMockServer({ latency: { timeToFirstTokenMs: 10 }, requestLogLimit: 10_000 });
  dir = await mkdtemp(join(tmpdir(), 'sb-kill-'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts the child; resolves with its exit once it ends (or is killed). */
function start(args: string[]): { process: ChildProcess; results: () => number; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let results = 0;
  let pending = '';
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (/^\d+$/.test(line)) results = Number(line);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { process: proc, results: () => results, exited };
}

async function checkpointIds(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line).customId as string);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 and resume', () => {
  it('loses at most the in-flight requests and ends with every customId exactly once, right', async () => {
    const checkpoint = join(dir, 'run.ckpt.jsonl');
    const output = join(dir, 'output.jsonl');
    server.control.clearRequests();
    const savedAfterKill: number[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const run = start([server.url, checkpoint, String(COUNT)]);
      const before = savedAfterKill.at(-1) ?? 0;
      // A random point: after some results (the first kill may land before any), plus a random few milliseconds.
      const target = kill === 0 ? 0 : Math.floor(Math.random() * ((COUNT - before) / (KILLS - kill)));
      let exitedEarly = false;
      void run.exited.then(() => {
        exitedEarly = true;
      });
      const deadline = Date.now() + 30_000;
      while (run.results() < target && Date.now() < deadline && !exitedEarly) await sleep(2);
      expect(exitedEarly).toBe(false);
      await sleep(Math.random() * 30);
      run.process.kill('SIGKILL');
      await run.exited;
      const ids = await checkpointIds(checkpoint);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(before);
      savedAfterKill.push(ids.length);
    }
    expect(savedAfterKill.at(-1)).toBeLessThan(COUNT);

    const final = start([server.url, checkpoint, String(COUNT), output]);
    expect(await final.exited).toBe(0);

    // Every customId exactly once in the output, with the answer the server gives for that question.
    const lines = (await readFile(output, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(COUNT);
    const ids = lines.map((line) => line.customId as string);
    expect(new Set(ids).size).toBe(COUNT);
    expect(lines.every((line) => line.ok === true)).toBe(true);
    expect(lines.filter((line) => line.source === 'checkpoint').length).toBe(savedAfterKill.at(-1));
    // ... and exactly once in the checkpoint.
    expect((await checkpointIds(checkpoint)).sort()).toEqual([...ids].sort());

    // Each kill lost at most what was in flight: calls under way (≤ concurrency) and answers waiting for their
    // checkpoint write (≤ concurrency). Only those were sent again.
    const sent = server.control.requests({ route: 'chat.completions' }).length;
    expect(sent).toBeGreaterThanOrEqual(COUNT);
    expect(sent).toBeLessThanOrEqual(COUNT + KILLS * 2 * CONCURRENCY);

    const provider = createOpenAIProvider({ apiKey: 'sk-test-kill-resume-0000', baseURL: server.url });
    const byId = new Map(lines.map((line) => [line.customId as string, line.text as string]));
    for (let i = 0; i < COUNT; i += 37) {
      const expected = await provider.chat({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `question number ${i}` }],
        maxOutputTokens: 12,
      });
      expect(byId.get(`item-${i}`)).toBe(expected.text);
    }
  }, 120_000);
});
