import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Importing the package must stay cheap: heavy dependencies load on first use, not at import (issue 11). `ws` is
// CommonJS, required on first use, so the check reads Node's CommonJS module cache (which also holds CommonJS modules
// an ESM import loads) before and after the first use.
it('loads ws on first use, not at import', () => {
  const code = `
    const { createRequire } = await import('node:module');
    const cache = createRequire(process.cwd() + '/').cache;
    const hasWs = () => Object.keys(cache).some((file) => /[\\/]node_modules[\\/]ws[\\/]/.test(file));
    const mod = await import('@switchboard/mock-server');
    const atImport = hasWs();
    const server = await mod.startMockServer();
    await server.close();
    console.log(JSON.stringify({ atImport, afterFirstUse: hasWs() }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  expect(JSON.parse(output.trim().split('\n').at(-1) as string)).toEqual({ atImport: false, afterFirstUse: true });
});
