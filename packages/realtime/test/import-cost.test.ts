import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { describe, expect, it } from 'vitest';

// Importing the package must stay cheap: its heavy dependencies load on first use, not at import (issue 11).
describe('importing @switchboard/realtime', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));

  it('loads none of zod and ws until first use', () => {
    const atImport = importedModules('@switchboard/realtime', { cwd });
    expect(atImport.some((url) => url.includes('/realtime/dist/index.js'))).toBe(true);
    for (const name of ['zod', 'ws']) expect(includesPackage(atImport, name), name).toBe(false);
    const afterUse = importedModules('@switchboard/realtime', {
      cwd,
      afterImport: `mod.SERVER_EVENT_SCHEMAS[0].safeParse({});`,
    });
    for (const name of ['zod']) expect(includesPackage(afterUse, name), name).toBe(true);
  });
});
