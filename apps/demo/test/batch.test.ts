import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../src/setup/assets.ts';
import { createTestIO, runMain } from './support/in-process.ts';

const SAMPLE = assetPath('batch-sample.jsonl');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputIds(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { customId: string }).customId);
}

async function sampleIds(): Promise<string[]> {
  return (await readFile(SAMPLE, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { customId: string }).customId);
}

describe('batch', () => {
  it('plans (auto), runs locally with a status line, and a rerun takes everything from the checkpoint', async () => {
    const out = join(dir, 'auto.jsonl');
    const checkpoint = join(dir, 'auto.ckpt.jsonl');
    const first = await runMain(['batch', SAMPLE, '--out', out, '--checkpoint', checkpoint]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/12 requests \(5 × gpt-4\.1-mini, 5 × gpt-4\.1-nano, 2 × text-embedding-3-small\)/);
    expect(first.stdout).toMatch(/plan: local: /);
    expect(first.stdout).toMatch(/ran locally: 12\/12 done: 12 succeeded, 0 failed, 0 from the checkpoint/);
    expect(first.stderr).toMatch(/ {2}batch: 12\/12 done, 0 in flight/);
    expect(await outputIds(out)).toEqual(await sampleIds());
    const line = JSON.parse((await readFile(out, 'utf8')).split('\n')[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ customId: 'switchboard-1', ok: true, source: 'run', finishReason: 'stop' });
    const second = await runMain(['batch', SAMPLE, '--out', out, '--checkpoint', checkpoint, '--mode', 'local']);
    expect(second.stdout).toMatch(/12\/12 done: 0 succeeded, 0 failed, 12 from the checkpoint/);
    expect(await outputIds(out)).toEqual(await sampleIds());
  });

  it('exits 1 naming the count when lines failed, after writing every result; a rerun keeps saying so', async () => {
    const input = join(dir, 'some-fail.jsonl');
    const line = (id: string, model: string) =>
      JSON.stringify({ customId: id, request: { model, messages: [{ role: 'user', content: `Hi ${id}` }] } });
    await writeFile(
      input,
      `${[line('a', 'gpt-4.1-mini'), line('b', 'gpt-9'), line('c', 'gpt-4.1-nano')].join('\n')}\n`,
    );
    const out = join(dir, 'some-fail.results.jsonl');
    const checkpoint = join(dir, 'some-fail.ckpt.jsonl');
    const args = ['batch', input, '--out', out, '--checkpoint', checkpoint, '--mode', 'local'];
    const first = await runMain(args);
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(1);
    expect(first.stdout).toMatch(/3\/3 done: 2 succeeded, 1 failed/);
    expect(first.stderr).toMatch(
      /Error: 1 of 3 requests failed \(their lines in .*some-fail\.results\.jsonl have "ok": false/,
    );
    const lines = (await readFile(out, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text));
    expect(lines.map((result: { customId: string; ok: boolean }) => [result.customId, result.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    // The rerun replays every result from the checkpoint, the failed one included: still exit 1.
    const json = await runMain([...args, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ batch: { total: 3, written: 3, failedLines: 1 } });
  });

  it('stops on Ctrl-C keeping the checkpoint, and the rerun completes with every id once', async () => {
    const out = join(dir, 'stopped.jsonl');
    const checkpoint = join(dir, 'stopped.ckpt.jsonl');
    const io = createTestIO({ env: { SWITCHBOARD_MOCK_LATENCY: '50,30' } });
    const running = runMain(
      ['batch', SAMPLE, '--out', out, '--checkpoint', checkpoint, '--mode', 'local', '--concurrency', '2'],
      io,
    );
    const deadline = Date.now() + 20_000;
    while (
      (await readFile(checkpoint, 'utf8').catch(() => '')).split('\n').filter(Boolean).length < 4 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    io.interrupt();
    const stopped = await running;
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/Stopped before the end; .* Run the same command again to resume\./);
    const resumed = await runMain(['batch', SAMPLE, '--out', out, '--checkpoint', checkpoint, '--mode', 'local']);
    expect(resumed.code).toBe(0);
    const fromCheckpoint = Number(/(\d+) from the checkpoint/.exec(resumed.stdout)?.[1]);
    expect(fromCheckpoint).toBeGreaterThanOrEqual(3);
    expect(fromCheckpoint).toBeLessThan(12);
    expect(await outputIds(out)).toEqual(await sampleIds());
  });

  it('runs through the Batch API with a job record as its checkpoint, and draws a bar on a terminal', async () => {
    const out = join(dir, 'api.jsonl');
    const checkpoint = join(dir, 'api.job.json');
    const io = createTestIO({ tty: true });
    const result = await runMain(['batch', SAMPLE, '--mode', 'api', '--out', out, '--checkpoint', checkpoint], io);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('\u001b[');
    expect(stripVTControlCharacters(result.stdout)).toMatch(/ran through the Batch API: 12\/12 done: 12 succeeded/);
    expect(stripVTControlCharacters(result.stderr)).toMatch(/batch \S+ 12\/12 \| [\d.]+ req\/s/);
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ jobId: expect.stringMatching(/^demo-/) });
    expect((await outputIds(out)).sort()).toEqual((await sampleIds()).sort());
    const rerun = await runMain(['batch', SAMPLE, '--mode', 'api', '--out', out, '--checkpoint', checkpoint, '--json']);
    expect(rerun.code).toBe(0);
    expect((JSON.parse(rerun.stdout) as { batch: { mode: string; written: number } }).batch).toMatchObject({
      mode: 'batch-api',
      written: 12,
    });
  });

  it('will not mix a local checkpoint and a Batch API job', async () => {
    const out = join(dir, 'mixed.jsonl');
    const checkpoint = join(dir, 'mixed.ckpt.jsonl');
    expect((await runMain(['batch', SAMPLE, '--mode', 'local', '--out', out, '--checkpoint', checkpoint])).code).toBe(
      0,
    );
    const api = await runMain(['batch', SAMPLE, '--mode', 'api', '--out', out, '--checkpoint', checkpoint]);
    expect(api.code).toBe(2);
    expect(api.stderr).toMatch(/was written by a local run, not a Batch API job\. Use --mode local/);
    const jobRecord = join(dir, 'job.json');
    await writeFile(jobRecord, '{"jobId":"demo-x"}\n');
    const local = await runMain(['batch', SAMPLE, '--mode', 'local', '--out', out, '--checkpoint', jobRecord]);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/Delete the checkpoint file to start over, or give another --checkpoint\./);
  });

  it('names the line of a malformed input and sends nothing', async () => {
    const cases: [string, RegExp][] = [
      [
        '{"customId":"a","request":{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hi"}]}}\n\n{"customId": "b", oops\n',
        /Line 3 of .* is not valid JSON/,
      ],
      ['[1,2]\n', /Line 1 of .*: expected a JSON object/],
      ['{"request":{}}\n', /Line 1 of .*: customId must be a non-empty string/],
      ['{"customId":"a","kind":"image","request":{}}\n', /kind must be "chat" or "embedding"/],
      ['{"customId":"a"}\n', /request must be an object/],
      ['{"customId":"a","request":{"messages":[]}}\n', /request\.model must be a model name/],
      ['{"customId":"a","kind":"embedding","request":{"model":"m"}}\n', /request\.input must be a string or an array/],
      ['{"customId":"a","request":{"model":"m","messages":[]}}\n', /request\.messages must be a non-empty array/],
      [
        '{"customId":"a","request":{"model":"m","input":"x"},"kind":"embedding"}\n{"customId":"a","kind":"embedding","request":{"model":"m","input":"y"}}\n',
        /Line 2 of .* repeats customId "a" \(first on line 1\)/,
      ],
      ['\n\n', /has no requests/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.jsonl');
      await writeFile(file, text);
      const result = await runMain(['batch', file, '--out', join(dir, 'bad.out.jsonl')]);
      expect(result.code, text).toBe(2);
      expect(result.stderr.trim().split('\n'), text).toHaveLength(1);
      expect(result.stderr, text).toMatch(message);
    }
  });

  it('checks its arguments', async () => {
    expect((await runMain(['batch'])).stderr).toMatch(/No input file given\./);
    expect((await runMain(['batch', 'a.jsonl', 'b.jsonl'])).stderr).toMatch(/Give one input file\./);
    expect((await runMain(['batch', SAMPLE, '--mode', 'fast'])).stderr).toMatch(
      /--mode must be auto, local or api, not "fast"/,
    );
    expect((await runMain(['batch', SAMPLE, '--concurrency', '0'])).stderr).toMatch(
      /--concurrency must be a whole number of at least 1/,
    );
    const missing = await runMain(['batch', join(dir, 'missing.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/The batch input .*missing\.jsonl does not exist\. Check the path\./);
  });
});
