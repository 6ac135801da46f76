import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDeferredImports } from '@internal/conformance';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: cockatiel loads on first use, not at import (issue 11). zod is imported
// statically by core since issue 14 (bundlers must see it), so it is no longer deferred.
it('loads cockatiel on first use, not at import', () => {
  const result = checkDeferredImports('@switchboard/resilience', {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    deferred: ['cockatiel'],
    firstUse: `await mod.createCircuitBreaker().execute('k', async () => 1);`,
    loadedByFirstUse: ['cockatiel'],
  });
  expect(result).toEqual({ loadedAtImport: [], notLoadedByFirstUse: [] });
});

// Issue 14: dependencies load through plain static imports or `await import()` (cockatiel), which bundlers and workerd
// understand; never createRequire, core's lazyModule or import.meta.resolve.
it('loads deferred dependencies with await import() only', () => {
  const src = fileURLToPath(new URL('../src', import.meta.url));
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  const offenders = files.filter((file) =>
    /createRequire|lazyModule|import\.meta\.resolve|\brequire\(/.test(readFileSync(join(src, file), 'utf8')),
  );
  expect(offenders).toEqual([]);
  const loader = readFileSync(join(src, 'circuit-breaker/load-cockatiel.ts'), 'utf8');
  expect(loader).toContain("import('cockatiel')");
});
