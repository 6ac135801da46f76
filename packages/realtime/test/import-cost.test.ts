import { fileURLToPath } from 'node:url';
import { checkDeferredImports } from '@internal/conformance';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: heavy dependencies load on first use, not at import (issue 11).
it('loads zod and ws on first use, not at import', () => {
  const result = checkDeferredImports('@switchboard/realtime', {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    // zod is imported statically by core since issue 14 (bundlers must see it), so it is no longer deferred.
    deferred: ['ws'],
    firstUse: `mod.SERVER_EVENT_SCHEMAS[0].safeParse({});`,
    loadedByFirstUse: ['zod'],
  });
  expect(result).toEqual({ loadedAtImport: [], notLoadedByFirstUse: [] });
});
