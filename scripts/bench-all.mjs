/**
 * `pnpm bench`: runs every workspace package's `bench` script one after the other (a bench needs the machine to
 * itself), goes on when one fails so every target is measured, then prints the summary table of
 * `scripts/bench-summary.mjs`. `BENCH_ONLY=pkg1,pkg2` (package names or folder names) runs a subset.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
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
const failed = [];
for (const { name, dir } of benches) {
  console.log(`\n=== ${name}: pnpm run bench ===`);
  const run = spawnSync('pnpm', ['run', 'bench'], { cwd: dir, stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}
if (failed.length > 0) console.log(`\nBenches that exited non-zero: ${failed.join(', ')}`);
const summary = spawnSync(process.execPath, [join(root, 'scripts', 'bench-summary.mjs')], { stdio: 'inherit' });
process.exit(failed.length > 0 || summary.status !== 0 ? 1 : 0);
