import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage, nodeOnlyUsages } from '@internal/conformance';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Issue 14: the package runs wherever the SDK runs (bundlers, workers, browsers), so its runtime code uses plain
// static imports and web-standard APIs only; the cost of those imports is measured by the bench instead of hidden.
it('uses no Node built-in, Buffer or Node-only module loading in runtime code', () => {
  expect(nodeOnlyUsages(join(packageDir, 'src'))).toEqual([]);
});

// Issue 21: inference goes over the package's own fetch transport, so importing the package (and every chat call)
// never loads the openai SDK; the Batch API loads it with `await import('openai')`, which bundlers still see.
it('imports zod statically and leaves the openai SDK to the Batch API, loaded on first use', () => {
  const modules = importedModules('@switchboard/azure', { cwd: packageDir });
  expect(includesPackage(modules, 'openai')).toBe(false);
  expect(includesPackage(modules, 'zod')).toBe(true);
});
