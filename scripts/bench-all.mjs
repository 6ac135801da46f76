/**
 * `pnpm bench`: runs every workspace package's `bench` script one after the other (a bench needs the machine to
 * itself), goes on when one fails so every target is measured, then prints the summary table of
 * `scripts/bench-summary.mjs`. `BENCH_ONLY=pkg1,pkg2` (package names or folder names) runs a subset.
 *
 * Each run is recorded in `.bench/runs.jsonl` (package, folder, exit status, and which rows of `.bench/results.jsonl`
 * it reported), so the summary can say where each row's detail was printed and turn a bench that crashed, or exited
 * without reporting a target, into a FAIL row instead of a silent gap. Both files start empty on every run.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
const resultsFile = join(benchDir, 'results.jsonl');
const runsFile = join(benchDir, 'runs.jsonl');
const only = process.env.BENCH_ONLY?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const benches = [];
for (const group of ['packages', 'tools', 'apps']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const folder of readdirSync(groupDir).sort()) {
    const manifestFile = join(groupDir, folder, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (!manifest.scripts?.bench) continue;
    if (only && !only.includes(manifest.name) && !only.includes(folder)) continue;
    benches.push({ name: manifest.name, dir: join(groupDir, folder) });
  }
}
mkdirSync(benchDir, { recursive: true });
rmSync(resultsFile, { force: true });
rmSync(runsFile, { force: true });
const rowCount = () =>
  existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).length : 0;
const failed = [];
for (const { name, dir } of benches) {
  console.log(`\n=== ${name}: pnpm run bench ===`);
  const firstRow = rowCount();
  const run = spawnSync('pnpm', ['run', 'bench'], { cwd: dir, stdio: 'inherit' });
  const status = run.status ?? run.signal ?? 'error';
  appendFileSync(
    runsFile,
    `${JSON.stringify({ package: name, folder: relative(root, dir), status, firstRow, endRow: rowCount() })}\n`,
  );
  if (status !== 0) failed.push(`${name} (exit ${status})`);
}
if (failed.length > 0) console.log(`\nBenches that exited non-zero: ${failed.join(', ')}`);
const summary = spawnSync(process.execPath, [join(root, 'scripts', 'bench-summary.mjs')], { stdio: 'inherit' });
process.exit(failed.length > 0 || summary.status !== 0 ? 1 : 0);
