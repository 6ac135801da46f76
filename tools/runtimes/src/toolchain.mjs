// The runtimes and build tools of the matrix, installed from the npm registry with plain npm at the versions pinned
// in toolchain.json, into .cache/runtimes (ignored by git) so reruns start at once. Each tool gets its own folder
// named by a hash of its package list; a `.installed` marker is written only after a complete install.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow } from './process.mjs';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'toolchain.json'), 'utf8'));

export async function installToolchain(cacheDir, log) {
  const entries = await Promise.all(
    Object.entries(manifest).map(async ([name, tool]) => {
      const hash = createHash('sha256').update(tool.packages.join(' ')).digest('hex').slice(0, 10);
      const dir = join(cacheDir, `${name}-${hash}`);
      if (!existsSync(join(dir, '.installed'))) {
        log(`installing ${tool.packages.join(' ')} into ${dir}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
        await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tool.packages], {
          cwd: dir,
          timeoutMs: 300_000,
        });
        writeFileSync(join(dir, '.installed'), `${tool.packages.join('\n')}\n`);
      }
      const bin = tool.bin ? join(dir, tool.bin) : undefined;
      if (bin && !existsSync(bin)) throw new Error(`${name}: ${bin} is missing after the install`);
      return [name, { dir, bin, packages: tool.packages }];
    }),
  );
  return Object.fromEntries(entries);
}

/** Resolves a module of a build tool inside its cache folder (they are not workspace dependencies). */
export function toolModule(tool, specifier) {
  return join(tool.dir, 'node_modules', specifier);
}
