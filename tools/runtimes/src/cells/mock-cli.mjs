// The switchboard-mock CLI from the packed package, started on one runtime: it must answer /__mock/health.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { start } from '../process.mjs';
import { firstError } from '../smoke-result.mjs';

export async function checkMockCli(app, command, prefixArgs) {
  const started = Date.now();
  const port = await freePort();
  const cli = join(app, 'node_modules', '@switchboard', 'mock-server', 'dist', 'cli.js');
  const server = start(command, [...prefixArgs, cli, '--port', String(port)], { cwd: app });
  try {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null) break;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/__mock/health`);
        if (response.ok)
          return { name: 'mock-cli', ok: true, detail: `health ${response.status}`, ms: Date.now() - started };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      name: 'mock-cli',
      ok: false,
      error: `no answer on /__mock/health: ${firstError(server.output())}`,
      ms: Date.now() - started,
    };
  } finally {
    await server.stop();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
