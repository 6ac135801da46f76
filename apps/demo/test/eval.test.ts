import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../src/setup/assets.ts';
import { runMain } from './support/in-process.ts';

const SAMPLE = assetPath('eval-sample.jsonl');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-eval-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eval', () => {
  it('prints the results table for every model and temperature and writes the report files', async () => {
    const outDir = join(dir, 'report');
    const result = await runMain([
      'eval',
      SAMPLE,
      '--models',
      'gpt-4.1-mini,gpt-4.1-nano',
      '--temperatures',
      '0,0.7',
      '--out-dir',
      outDir,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/8 items × 2 models × 2 temperatures = 32 requests, scored by "words"/);
    expect(result.stdout).toMatch(/model\s+temp\s+items\s+score\s+failed\s+tokens in\/out\s+cost\s+p50 ms\s+p95 ms/);
    for (const row of [
      /gpt-4\.1-mini\s+0\s+8\s+[\d.]+\s+0\s/,
      /gpt-4\.1-mini\s+0\.7\s+8/,
      /gpt-4\.1-nano\s+0\s+8/,
      /gpt-4\.1-nano\s+0\.7\s+8/,
    ]) {
      expect(result.stdout).toMatch(row);
    }
    expect(result.stdout).toMatch(/best: gpt-4\.1-\w+ at temperature/);
    expect(result.stdout).toMatch(/placeholder text/);
    const report = JSON.parse(await readFile(join(outDir, 'evaluation.json'), 'utf8')) as {
      rows: unknown[];
      items: number;
    };
    expect(report.items).toBe(8);
    expect(report.rows).toHaveLength(4);
    expect(await readFile(join(outDir, 'evaluation.md'), 'utf8')).toMatch(/^# Evaluation: 8 items/);
  });

  it('scores with the chosen scorer, resumes from a checkpoint, and flags a model that always fails', async () => {
    const dataset = join(dir, 'tiny.jsonl');
    await writeFile(
      dataset,
      '{"variables":{"question":"Mock answer"},"expected":"mock answer"}\n{"question":"Anything"}\n',
    );
    const checkpoint = join(dir, 'eval.ckpt.jsonl');
    const args = [
      'eval',
      dataset,
      '--models',
      'gpt-4.1-mini,gpt-9',
      '--temperatures',
      '0',
      '--scorer',
      'contains',
      '--checkpoint',
      checkpoint,
      '--json',
    ];
    const first = await runMain(args);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as {
      eval: { rows: { model: string; meanScore: number; failed: number; items: number }[] };
    };
    expect(report.eval.rows).toEqual([
      expect.objectContaining({ model: 'gpt-4.1-mini', meanScore: 1, failed: 0, items: 2 }),
      expect.objectContaining({ model: 'gpt-9', failed: 2 }),
    ]);
    const human = await runMain(args.filter((arg) => arg !== '--json').concat('--scorer', 'exact'));
    expect(human.stdout).toMatch(/Every request to gpt-9 at temperature 0 failed: check the model name/);
  });

  it('exits 1 and names no best model when every request failed', async () => {
    const dataset = join(dir, 'all-fail.jsonl');
    await writeFile(dataset, '{"question":"One"}\n{"question":"Two"}\n');
    const human = await runMain(['eval', dataset, '--models', 'gpt-9', '--temperatures', '0']);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/Error: All 2 requests failed: nothing was scored/);
    expect(human.stdout).toMatch(/Every request to gpt-9 at temperature 0 failed/);
    expect(human.stdout).not.toMatch(/best:/);
    const json = await runMain(['eval', dataset, '--models', 'gpt-9,gpt-10', '--temperatures', '0', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { eval: { rows: { failed: number; items: number }[] } };
    expect(report.eval.rows.map((row) => row.failed)).toEqual([2, 2]);
  });

  it('checks the dataset and the options before sending anything', async () => {
    const cases: [string, string[], RegExp][] = [
      ['{"id":"a","question":"x"}\n{"id":"a","question":"y"}\n', [], /Line 2 of .* repeats id "a"/],
      ['{"question": \n', [], /Line 1 of .* is not valid JSON/],
      ['"text"\n', [], /Line 1 of .* is not a JSON object/],
      ['{"id":7,"question":"x"}\n', [], /id must be a string/],
      ['{"variables":[1]}\n', [], /variables must be an object/],
      ['\n', [], /has no items/],
      [
        '{"question":"x"}\n',
        ['--template', '{{prompt}}'],
        /Item "item-1" does not fit the template: .*missing: prompt/,
      ],
      ['{"question":"x"}\n', ['--temperatures', '0,hot'], /Temperatures must be numbers from 0 to 2, not "hot"/],
      ['{"question":"x"}\n', ['--scorer', 'vibes'], /--scorer must be words, contains or exact/],
      ['{"question":"x"}\n', ['--models', ','], /--models is empty/],
    ];
    for (const [text, extra, message] of cases) {
      const file = join(dir, 'bad.jsonl');
      await writeFile(file, text);
      const result = await runMain(['eval', file, ...extra]);
      expect(result.code, text).toBe(2);
      expect(result.stderr, text).toMatch(message);
    }
    expect((await runMain(['eval'])).stderr).toMatch(/Give one dataset file\./);
    expect((await runMain(['eval', join(dir, 'none.jsonl')])).stderr).toMatch(
      /The dataset .*none\.jsonl does not exist\./,
    );
  });
});
