/**
 * The one way a bench reports a target: it prints the row at once and appends it to `.bench/results.jsonl` at the
 * repository root, which `scripts/bench-summary.mjs` turns into the closing table of `pnpm bench`.
 *
 * A row compares `ours` with a `baseline` measured in the same run; `ratio` is ours / baseline unless given, and
 * `pass` is decided by the bench (it knows whether lower or higher is better).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, '.bench', 'results.jsonl');

/**
 * @param {{ bench: string, metric: string, baseline: string, ours: string, ratio: number, target: string, pass: boolean }} row
 */
export function reportRow(row) {
  mkdirSync(dirname(resultsFile), { recursive: true });
  appendFileSync(resultsFile, `${JSON.stringify(row)}\n`);
  console.log(
    `${row.pass ? 'PASS' : 'FAIL'}  ${row.metric}: ${row.ratio.toFixed(3)}× (${row.ours} vs ${row.baseline}; target ${row.target})`,
  );
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
