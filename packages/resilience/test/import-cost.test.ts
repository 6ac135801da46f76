import { fileURLToPath } from 'node:url';
import { checkDeferredImports } from '@internal/conformance';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: heavy dependencies load on first use, not at import (issue 11).
it('loads cockatiel and zod on first use, not at import', () => {
  const result = checkDeferredImports('@switchboard/resilience', {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    deferred: ['cockatiel', 'zod'],
    firstUse: `await mod.createCircuitBreaker().execute('k', async () => 1);`,
    loadedByFirstUse: ['cockatiel'],
  });
  expect(result).toEqual({ loadedAtImport: [], notLoadedByFirstUse: [] });
});
