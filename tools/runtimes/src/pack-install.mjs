// Packs the runtime packages with pnpm (workspace ranges resolved, only the `files` a user gets) and installs the
// tarballs with plain npm into a folder outside the workspace, so no workspace symlink can hide a packaging bug.
// The smoke program is copied into that folder, where its bare imports resolve to the installed tarballs.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow } from './process.mjs';

export const PACKAGES = ['core', 'openai', 'azure', 'resilience', 'tokenizer', 'realtime', 'batch', 'mock-server'];

export async function packAndInstall(repoRoot, workDir) {
  const tarballDir = join(workDir, 'tarballs');
  mkdirSync(tarballDir, { recursive: true });
  const tarballs = {};
  // pnpm pack runs one package at a time: it is quick, and parallel packs would compete for the two cores.
  for (const name of PACKAGES) {
    const { stdout } = await runOrThrow('pnpm', ['pack', '--pack-destination', tarballDir, '--json'], {
      cwd: join(repoRoot, 'packages', name),
    });
    tarballs[`@switchboard/${name}`] = `file:${JSON.parse(stdout).filename}`;
  }
  const app = join(workDir, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'switchboard-runtime-smoke', private: true, type: 'module', dependencies: tarballs, overrides: tarballs }, null, 2)}\n`,
  );
  await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, timeoutMs: 300_000 });
  cpSync(join(import.meta.dirname, '..', 'smoke'), join(app, 'smoke'), { recursive: true });
  return { app, tarballs };
}
