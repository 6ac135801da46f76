import { fileURLToPath } from 'node:url';
import { checkDeferredImports } from '@internal/conformance';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: heavy dependencies load on first use, not at import (issue 11).
it('loads ws on first use, not at import', () => {
  const result = checkDeferredImports('@switchboard/mock-server', {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    deferred: ['ws'],
    firstUse: `const server = await mod.startMockServer(); await server.close();`,
  });
  expect(result).toEqual({ loadedAtImport: [], notLoadedByFirstUse: [] });
});
