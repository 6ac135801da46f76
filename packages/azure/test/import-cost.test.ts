import { fileURLToPath } from 'node:url';
import { importedModules, includesPackage } from '@internal/conformance';
import { describe, expect, it } from 'vitest';

// Importing the package must stay cheap: its heavy dependencies load on first use, not at import (issue 11).
describe('importing @switchboard/azure', () => {
  const cwd = fileURLToPath(new URL('..', import.meta.url));

  it('loads none of zod and the openai SDK until first use', () => {
    const atImport = importedModules('@switchboard/azure', { cwd });
    expect(atImport.some((url) => url.includes('/azure/dist/index.js'))).toBe(true);
    for (const name of ['zod', 'openai']) expect(includesPackage(atImport, name), name).toBe(false);
    const afterUse = importedModules('@switchboard/azure', {
      cwd,
      afterImport: `mod.createAzureProvider({ endpoint: 'http://127.0.0.1:9', apiKey: 'test-key', apiVersion: '2024-10-21' });`,
    });
    for (const name of ['zod', 'openai']) expect(includesPackage(afterUse, name), name).toBe(true);
  });
});
