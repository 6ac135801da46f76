// Adds up every package's vitest JSON report (written by the shared vitest config) into one closing line,
// so CI and people read a single "N passed, N failed" summary for the whole monorepo.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps', 'tools'];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) {
    const file = join(root, name, '.vitest-results.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const p = report.numPassedTests ?? 0;
    const f = report.numFailedTests ?? 0;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p;
    failed += f;
    skipped += s;
    rows.push(
      `  ${join(root, name).padEnd(26)} ${String(p).padStart(5)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`,
    );
  }
}
console.log('\nTest results by package:');
for (const row of rows) console.log(row);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || rows.length === 0 ? 1 : 0;
