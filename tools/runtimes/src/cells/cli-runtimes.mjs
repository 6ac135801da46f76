// Node 20 (this machine's), Node 22.0.0, Node 24, Bun and Deno: the installed packages run in place (node_modules
// from the tarballs), with the runtime smoke, the Node-only checks and the mock CLI.
import { join } from 'node:path';
import { API_KEY } from '../mock.mjs';
import { run } from '../process.mjs';
import { smokeChecks } from '../smoke-result.mjs';
import { checkMockCli } from './mock-cli.mjs';

function cliCell(name, resolve) {
  return {
    name,
    async run({ app, tools, startMock }) {
      const { command, args } = resolve(tools);
      const mock = await startMock();
      try {
        const config = { mockOrigin: mock.origin, apiKey: API_KEY, realtime: true };
        const result = await run(command, [...args, join(app, 'smoke', 'node-entry.mjs')], {
          cwd: app,
          env: { SMOKE_CONFIG: JSON.stringify(config), NO_COLOR: '1' },
          timeoutMs: 150_000,
        });
        const checks = smokeChecks(name, result);
        checks.push(await checkMockCli(app, command, args));
        return { checks, version: await versionOf(command) };
      } finally {
        await mock.close();
      }
    },
  };
}

async function versionOf(command) {
  const result = await run(command, ['--version']);
  return result.stdout.split('\n')[0].trim();
}

export const cliCells = [
  cliCell('node 20 (this machine)', () => ({ command: process.execPath, args: [] })),
  cliCell('node 20.19.0', (tools) => ({ command: tools.node20.bin, args: [] })),
  cliCell('node 22.0.0', (tools) => ({ command: tools.node22.bin, args: [] })),
  cliCell('node 24', (tools) => ({ command: tools.node24.bin, args: [] })),
  cliCell('bun', (tools) => ({ command: tools.bun.bin, args: [] })),
  // Deno reads package.json and uses the npm-installed node_modules folder as it is.
  cliCell('deno', (tools) => ({ command: tools.deno.bin, args: ['run', '-A', '--node-modules-dir=manual'] })),
];
