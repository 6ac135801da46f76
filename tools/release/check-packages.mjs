// Packs every publishable package with pnpm (workspace:* resolved, files as a user would get them) and checks the
// tarball with publint (strict) and Are The Types Wrong (ESM-only profile). Needs `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishablePackages } from './packages.mjs';

const out = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
const bin = (name) => join(import.meta.dirname, 'node_modules', '.bin', name);
let failures = 0;
try {
  for (const { dir, manifest } of publishablePackages()) {
    const packed = execFileSync('pnpm', ['pack', '--pack-destination', out, '--json'], { cwd: dir, encoding: 'utf8' });
    const tarball = JSON.parse(packed).filename;
    for (const [tool, args] of [
      ['publint', ['run', tarball, '--strict']],
      ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji']],
    ]) {
      try {
        const output = execFileSync(bin(tool), args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        console.log(`ok   ${tool.padEnd(8)} ${manifest.name}`);
        if (process.env.VERBOSE) console.log(output);
      } catch (error) {
        failures += 1;
        console.log(`FAIL ${tool.padEnd(8)} ${manifest.name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`${failures} packaging check(s) failed.`);
  process.exit(1);
}
console.log('Every package passes publint and attw.');
