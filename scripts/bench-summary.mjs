/**
 * The closing table of `pnpm bench`: every row the benches reported through `scripts/bench-report.mjs`, in the order
 * they ran, with a count of PASS and FAIL. Exits 1 when any target failed, so a regression cannot scroll by unseen.
 *
 * When `scripts/bench-all.mjs` ran the benches it left `.bench/runs.jsonl` (one line per package: its folder, exit
 * status and the rows it reported); the table then names the package whose output holds each row's detail, and a
 * package whose bench exited non-zero without reporting a FAIL (it crashed) or reported nothing at all gets a FAIL
 * row of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.bench');
const readLines = (file) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
const reported = readLines(join(benchDir, 'results.jsonl'));
const runs = readLines(join(benchDir, 'runs.jsonl'));

/** Rows in run order, each with the folder of the package that printed its detail (when bench-all ran it). */
const rows = [];
if (runs.length === 0) rows.push(...reported.map((row) => ({ ...row, detail: '' })));
for (const run of runs) {
  const own = reported.slice(run.firstRow, run.endRow).map((row) => ({ ...row, detail: run.folder }));
  rows.push(...own);
  const crashed = run.status !== 0 && !own.some((row) => !row.pass);
  if (crashed || own.length === 0) {
    rows.push({
      bench: run.package,
      detail: run.folder,
      metric: crashed
        ? `bench exited with ${run.status} after ${own.length} target row(s)`
        : 'bench reported no target (no reportRow)',
      baseline: '-',
      ours: '-',
      ratio: Number.NaN,
      target: crashed ? 'exit 0' : '≥ 1 reported target',
      pass: false,
    });
  }
}
if (rows.length === 0) {
  console.log('No bench reported a target (.bench/results.jsonl is missing or empty).');
  process.exit(1);
}
const withDetail = runs.length > 0;
const table = [
  ['bench', ...(withDetail ? ['detail in'] : []), 'metric', 'baseline', 'ours', 'ratio', 'target', 'result'],
  ...rows.map((r) => [
    r.bench,
    ...(withDetail ? [r.detail] : []),
    r.metric,
    r.baseline,
    r.ours,
    Number.isFinite(r.ratio) ? `${r.ratio.toFixed(3)}×` : '-',
    r.target,
    r.pass ? 'PASS' : 'FAIL',
  ]),
];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => String(row[column]).length)));
const line = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ');
console.log('\nBench summary');
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table.slice(1)) console.log(line(row));
const failed = rows.filter((r) => !r.pass).length;
console.log(`\n${rows.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
