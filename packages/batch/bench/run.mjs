/**
 * `pnpm run bench`: the local-runner and files bench, then the distributed one, each in its own process; the second
 * runs even when the first reports a FAIL, so every target is measured. Exits 1 when either failed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let failed = false;
for (const script of ['batch-bench.mjs', 'distributed-bench.mjs']) {
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log(`bench/${script} exited with ${run.status ?? run.signal}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
