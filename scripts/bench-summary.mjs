/**
 * The closing table of `pnpm bench`: every row the benches reported through `scripts/bench-report.mjs`, in the order
 * they ran, with a count of PASS and FAIL. Exits 1 when any target failed, so a regression cannot scroll by unseen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsFile = join(dirname(fileURLToPath(import.meta.url)), '..', '.bench', 'results.jsonl');
if (!existsSync(resultsFile)) {
  console.log('No bench reported a target (.bench/results.jsonl is missing).');
  process.exit(1);
}
const rows = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const table = [
  ['bench', 'metric', 'baseline', 'ours', 'ratio', 'target', 'result'],
  ...rows.map((r) => [
    r.bench,
    r.metric,
    r.baseline,
    r.ours,
    `${r.ratio.toFixed(3)}×`,
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
