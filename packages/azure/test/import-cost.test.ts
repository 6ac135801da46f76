import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The runtime source files: everything in src/ but tests and test fixtures. */
function runtimeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : runtimeSources(path);
    return entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

// Issue 14: the package runs wherever the SDK runs (bundlers, workers, browsers), so its runtime code uses plain
// static imports and web-standard APIs only; the cost of those imports is measured by the bench instead of hidden.
it('uses no Node built-in, Buffer or Node-only module loading in runtime code', () => {
  const offenders = runtimeSources(join(packageDir, 'src')).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [/from 'node:/, /\bBuffer\./, /createRequire/, /import\.meta\.resolve/, /\brequire\(/]
      .filter((pattern) => pattern.test(text))
      .map((pattern) => `${file.slice(packageDir.length)}: ${pattern.source}`);
  });
  expect(offenders).toEqual([]);
});

it('imports zod and the openai SDK statically, where a bundler sees them', () => {
  const modules = importedModules('@switchboard/azure', { cwd: packageDir });
  expect(includesPackage(modules, 'openai')).toBe(true);
  expect(includesPackage(modules, 'zod')).toBe(true);
});
