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
