// The smoke bundled as an application would be: esbuild for Node, esbuild for browsers, and a Vite library build.
// Each bundle is copied into a folder of its own with no node_modules anywhere above it and run from there.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForBrowser, bundleForNode, bundleWithVite, describeBuildError } from '../bundle.mjs';
import { API_KEY, tiktokenWasmPath } from '../mock.mjs';
import { run } from '../process.mjs';
import { smokeChecks } from '../smoke-result.mjs';
import { serveFolder } from '../static-server.mjs';

function bundleCell(name, { build, node, realtimeTransport }) {
  return {
    name,
    async run({ app, tools, startMock, workDir }) {
      const dir = join(workDir, 'bundles', name.replace(/\W+/g, '-'));
      mkdirSync(dir, { recursive: true });
      const outfile = join(dir, 'smoke.mjs');
      let built;
      try {
        built = await build({ tools, app, dir, outfile, entry: join(app, 'smoke', 'cli-entry.mjs') });
      } catch (error) {
        return { checks: [{ name: 'bundle', ok: false, error: describeBuildError(error) }] };
      }
      // The bundle gets tiktoken's WASM over HTTP, as an application would ship it beside its code.
      copyFileSync(tiktokenWasmPath(app), join(dir, 'tiktoken_bg.wasm'));
      const assets = await serveFolder(dir);
      const mock = await startMock();
      try {
        const config = {
          mockOrigin: mock.origin,
          apiKey: API_KEY,
          realtime: true,
          realtimeTransport,
          tiktokenWasmUrl: `${assets.origin}/tiktoken_bg.wasm`,
        };
        const command = node(tools);
        const result = await run(command, [outfile], {
          cwd: dir,
          env: { SMOKE_CONFIG: JSON.stringify(config) },
          timeoutMs: 150_000,
        });
        return { checks: smokeChecks(name, result), notes: built?.notes ?? [] };
      } finally {
        await mock.close();
        await assets.close();
      }
    },
  };
}

export const bundleCells = [
  bundleCell('esbuild node', {
    build: ({ tools, entry, outfile }) => bundleForNode(tools, entry, outfile),
    node: () => process.execPath,
  }),
  // Browser-resolved bundles run on Node 24 (it has fetch and a global WebSocket); they carry no `ws`, so realtime
  // goes through the platform WebSocket as it would in a browser.
  bundleCell('esbuild browser', {
    build: ({ tools, entry, outfile }) => bundleForBrowser(tools, entry, outfile),
    node: (tools) => tools.node24.bin,
    realtimeTransport: 'websocket',
  }),
  bundleCell('vite library', {
    build: ({ tools, app, dir, entry }) => bundleWithVite(tools, app, entry, dir),
    node: (tools) => tools.node24.bin,
    realtimeTransport: 'websocket',
  }),
];
