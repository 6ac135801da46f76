import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { describe, expect, it } from 'vitest';

// Importing the package must stay cheap: its heavy dependencies load on first use, not at import (issue 11).
describe('importing @switchboard/mock-server', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));

  it('loads none of ws until first use', () => {
    const atImport = importedModules('@switchboard/mock-server', { cwd });
    expect(atImport.some((url) => url.includes('/mock-server/dist/index.js'))).toBe(true);
    for (const name of ['ws']) expect(includesPackage(atImport, name), name).toBe(false);
    const afterUse = importedModules('@switchboard/mock-server', {
      cwd,
      afterImport: `const server = await mod.startMockServer(); await server.close();`,
    });
    for (const name of ['ws']) expect(includesPackage(afterUse, name), name).toBe(true);
  });
});
