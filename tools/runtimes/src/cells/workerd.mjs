// Cloudflare workerd, with and without `nodejs_compat`: the smoke bundled by esbuild with the worker conditions
// into one ES module worker (tiktoken's WASM as a wasm module beside it), served by workerd on 127.0.0.1, and
// started by one POST whose answer is the smoke result. Outbound fetch may reach loopback only through a network
// service that allows "local" addresses.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForBrowser, describeBuildError } from '../bundle.mjs';
import { API_KEY, tiktokenWasmPath } from '../mock.mjs';
import { start } from '../process.mjs';
import { firstError } from '../smoke-result.mjs';
import { freePort } from './mock-cli.mjs';

// A recent date, as a new project gets; nodejs_compat is on by default from 2026-08-04, so the plain cell turns it
// off explicitly with `no_nodejs_compat`.
const COMPATIBILITY_DATE = '2026-11-01';

function workerdCell(name, flags) {
  return {
    name,
    async run({ app, tools, startMock, workDir }) {
      const dir = join(workDir, 'workerd', name.replace(/\W+/g, '-'));
      mkdirSync(dir, { recursive: true });
      const wasm = tiktokenWasmPath(app);
      if (!existsSync(wasm)) throw new Error(`tiktoken's lite WASM is not installed at ${wasm}`);
      copyFileSync(wasm, join(dir, 'tiktoken_bg.wasm'));
      let bundle;
      try {
        bundle = await bundleForBrowser(tools, join(app, 'smoke', 'worker-entry.mjs'), join(dir, 'worker.js'), {
          conditions: ['workerd', 'worker'],
          external: ['*.wasm'],
          externalNodeBuiltins: true,
        });
      } catch (error) {
        return { checks: [{ name: 'bundle', ok: false, error: describeBuildError(error) }] };
      }
      // Workerd reports only the first missing module; these lines name every builtin and who imports it.
      const notes = bundle.notes;
      const port = await freePort();
      writeFileSync(join(dir, 'config.capnp'), capnpConfig(port, flags));
      const mock = await startMock();
      const server = start(tools.workerd.bin, ['serve', join(dir, 'config.capnp'), '--verbose'], { cwd: dir });
      try {
        await waitForPort(port, server);
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          body: JSON.stringify({ mockOrigin: mock.origin, apiKey: API_KEY, realtime: true }),
          signal: AbortSignal.timeout(150_000),
        });
        const text = await response.text();
        let result;
        try {
          result = JSON.parse(text);
        } catch {
          return {
            notes,
            checks: [
              {
                name: 'worker',
                ok: false,
                error: `HTTP ${response.status}: ${firstError(`${text}\n${server.output()}`)}`,
              },
            ],
          };
        }
        return { checks: result.checks, notes };
      } catch (error) {
        return {
          checks: [{ name: 'worker', ok: false, error: `${error.message}: ${firstError(server.output())}` }],
          notes,
        };
      } finally {
        await server.stop();
        await mock.close();
      }
    },
  };
}

function capnpConfig(port, flags) {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "tiktoken_bg.wasm", wasm = embed "tiktoken_bg.wasm"),
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  compatibilityFlags = [${flags.map((flag) => `"${flag}"`).join(', ')}],
  globalOutbound = "loopback",
);
`;
}

async function waitForPort(port, server) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`workerd exited ${server.child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error('workerd did not listen within 30 s');
}

export const workerdCells = [
  workerdCell('workerd', ['no_nodejs_compat']),
  workerdCell('workerd nodejs_compat', ['nodejs_compat']),
];
