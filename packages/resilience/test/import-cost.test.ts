import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { describe, expect, it } from 'vitest';

// Importing the package must stay cheap: its heavy dependencies load on first use, not at import (issue 11).
describe('importing @switchboard/resilience', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));

  it('loads neither cockatiel nor zod until first use', () => {
    const atImport = importedModules('@switchboard/resilience', { cwd });
    expect(atImport.some((url) => url.includes('/resilience/dist/index.js'))).toBe(true);
    for (const name of ['cockatiel', 'zod']) expect(includesPackage(atImport, name), name).toBe(false);
    const afterUse = importedModules('@switchboard/resilience', {
      cwd,
      afterImport: `await mod.createCircuitBreaker().execute('k', async () => 1);`,
    });
    for (const name of ['cockatiel']) expect(includesPackage(afterUse, name), name).toBe(true);
  });
});
