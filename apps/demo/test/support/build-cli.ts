import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Vitest global setup: the end-to-end tests run the built CLI, so build it first when dist/cli.js is missing or
 * older than a source file (turbo builds it before `pnpm test`; this covers running the package's tests alone).
 */
export default function setup(): void {
  if (isFresh()) return;
  const result = spawnSync('pnpm', ['exec', 'tsc', '-b'], { cwd: demoDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building apps/demo failed; the end-to-end tests need dist/cli.js.');
}

function isFresh(): boolean {
  let built: number;
  try {
    built = statSync(join(demoDir, 'dist', 'cli.js')).mtimeMs;
  } catch {
    return false;
  }
  return newestSource(join(demoDir, 'src')) <= built;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
