import { fileURLToPath } from 'node:url';
import { checkDeferredImports } from '@internal/conformance';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: heavy dependencies load on first use, not at import (issue 11).
it('loads zod and the openai SDK on first use, not at import', () => {
  const result = checkDeferredImports('@switchboard/openai', {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    // zod is imported statically by core since issue 14 (bundlers must see it), so it is no longer deferred.
    deferred: ['openai'],
    firstUse: `mod.createOpenAIProvider({ apiKey: 'sk-test-key', baseURL: 'http://127.0.0.1:9/v1' });`,
  });
  expect(result).toEqual({ loadedAtImport: [], notLoadedByFirstUse: [] });
});
